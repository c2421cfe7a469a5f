/** 被反映人 for other modules: the office's page of them, their rows as the verbs correct them. */
export { checkNamedReferences, namedPersonsOfCase } from './named-person.service.ts';
export { insertNamedPerson, updateNamedPerson } from './named-person.repository.ts';

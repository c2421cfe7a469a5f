/** 我的待办: what each person must do next (common/domain/todo.ts), over the petition module's cases. */
export { listTodos } from './todo.service.ts';

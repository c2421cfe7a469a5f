import { useParams } from 'react-router';
import { PetitionCase } from './PetitionCase.tsx';

/** One case: its facts, petitioners, time limits, timeline and the verbs the viewer may use now. */
export function PetitionCasePage() {
  const { id = '' } = useParams();
  // A fresh page state per case, so a detail replaced by a verb never leaks into another case.
  return <PetitionCase key={id} id={id} />;
}

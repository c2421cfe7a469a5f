/**
 * True inside a DataTable row drawn as a card (narrow screens): a cell may then wrap its text
 * instead of cutting it to one line.
 */
import { createContext, useContext } from 'react';

export const StackedContext = createContext(false);

/** Is this cell drawn in a card rather than a table row? */
export function useStacked(): boolean {
  return useContext(StackedContext);
}

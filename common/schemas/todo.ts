import { z } from 'zod';
import { TODO_TASKS } from '../domain/todo.ts';
import { PetitionSummaryViewSchema } from './petition.ts';

/** 我的待办, paged on the server (GET /api/todos). */
export const TodoListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type TodoListQuery = z.input<typeof TodoListQuerySchema>;

/** A case on my list, with the steps I must take on it (common/domain/todo.ts). */
export const TodoItemViewSchema = PetitionSummaryViewSchema.extend({ tasks: z.array(z.enum(TODO_TASKS)) });
export type TodoItemView = z.infer<typeof TodoItemViewSchema>;

export const TodoListViewSchema = z.object({
  items: z.array(TodoItemViewSchema),
  /** Over the whole list, not the page. */
  total: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TodoListView = z.infer<typeof TodoListViewSchema>;

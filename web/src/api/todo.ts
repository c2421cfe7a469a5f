/** 我的待办: the cases on which I must take the next step, most urgent first, paged on the server. */
import { TodoListViewSchema, type TodoListView } from '../../../common/schemas/todo.ts';
import { api } from './client.ts';
import { todosPath } from './todo-query.ts';

export function listTodos(page: number, pageSize: number): Promise<TodoListView> {
  return api.get(todosPath(page, pageSize), TodoListViewSchema);
}

import { useSearchParams } from 'react-router';
import { TODO_PAGE_SIZE as DEFAULT_PAGE_SIZE } from '../../app/page-data.ts';
import { TodoList } from './TodoList.tsx';

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 我的待办, all of it: paged on the server, the page in the address (the back button returns to it). */
export function TodosPage() {
  const [params, setParams] = useSearchParams();
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return (
    <TodoList
      mode="page"
      page={page}
      pageSize={pageSize}
      onPage={(next, size) =>
        setParams({
          page: String(size === pageSize ? next : 1),
          ...(size === DEFAULT_PAGE_SIZE ? {} : { pageSize: String(size) }),
        })
      }
    />
  );
}

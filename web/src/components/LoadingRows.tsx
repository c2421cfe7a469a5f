import { Skeleton } from 'antd';

/** What a list shows while its first load runs: a skeleton of rows, never "暂无数据". */
export function LoadingRows() {
  return <Skeleton active title={false} paragraph={{ rows: 3 }} style={{ padding: '8px 0' }} />;
}

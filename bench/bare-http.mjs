// The baseline: a bare node:http server answering the same JSON as GET /api/health.
import http from 'node:http';

const body = JSON.stringify({ status: 'ok', version: '0.1.0', dialect: 'sqlite' });
const server = http.createServer((request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${JSON.stringify(server.address())}\n`);
});

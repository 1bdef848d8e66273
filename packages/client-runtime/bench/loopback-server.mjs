// The loopback server of bench/run.mjs: one small JSON answer, keep-alive, on 127.0.0.1 and a free port.
import { createServer } from 'node:http';

const body = JSON.stringify({
  object: 'list',
  data: [{ id: 'bench-model', object: 'model', created: 0, owned_by: 'bench' }],
});
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () =>
    response
      .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      .end(body),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
process.on('message', () => server.close(() => process.exit(0)));

import { readState } from './support/topology';

it('serves through nginx', async () => {
  const s = readState();
  const res = await fetch(`http://127.0.0.1:${s.nginx.port}/api/health/ready`);
  expect(res.status).toBe(200);
});

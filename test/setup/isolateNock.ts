// Every test file gets its own copy of nock (jest's module registry), but they all patch the same
// core http module of the worker process. Deactivate this file's interceptor when it is done, so a
// later file in the same worker never meets a stale interceptor (seen as "socket hang up" flakes).
import nock from 'nock';

afterAll(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});

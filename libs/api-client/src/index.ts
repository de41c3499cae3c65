import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema';

export type { components, operations, paths };
export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBodyDto'];
export type ErrorCode = ErrorBody['code'];
export type ApiClient = Client<paths>;

/** Thrown for every non-2xx answer, carrying the API's error body. */
export class ApiError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.body.statusCode;
  }

  /** The message for one field, for forms mapping `details[].field` to inputs. */
  fieldMessage(field: string): string | undefined {
    return this.body.details?.find((d) => d.field === field)?.message;
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  /** Sent as X-CSRF-Token on state-changing requests. */
  csrfToken?: () => string | null;
  fetch?: typeof fetch;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'same-origin',
    fetch: options.fetch,
  });
  const csrf: Middleware = {
    onRequest({ request }) {
      const token = options.csrfToken?.();
      if (token && !SAFE_METHODS.has(request.method)) {
        request.headers.set('x-csrf-token', token);
      }
      return request;
    },
  };
  client.use(csrf);
  return client;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError with the API's body. */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await result;
  if (response.ok) {
    return data as T;
  }
  const body =
    error && typeof error === 'object' && 'code' in error
      ? (error as ErrorBody)
      : ({
          statusCode: response.status,
          code: 'INTERNAL_ERROR',
          message: response.statusText,
        } as ErrorBody);
  throw new ApiError(body);
}

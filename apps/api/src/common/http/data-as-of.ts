import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * When the data a request read was current, for the `X-Data-As-Of` header a reporting request
 * answers with (DataAsOfInterceptor opens the slot; whoever picks the database fills it in).
 */
export const dataAsOfSlot = new AsyncLocalStorage<{ asOf?: Date }>();

/** Notes the instant for the running request, if it asked to know; the oldest read wins. */
export function noteDataAsOf(asOf: Date): void {
  const slot = dataAsOfSlot.getStore();
  if (slot && (!slot.asOf || asOf < slot.asOf)) {
    slot.asOf = asOf;
  }
}

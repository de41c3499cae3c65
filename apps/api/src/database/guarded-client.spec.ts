import { Client } from 'pg';
import { GuardedClient } from './guarded-client';

describe(GuardedClient.name, () => {
  it('survives a connection error nobody is listening for, where a bare client throws', () => {
    const fatal = Object.assign(new Error('terminating connection'), { code: '57P01' });
    expect(() => new Client().emit('error', fatal)).toThrow('terminating connection');
    expect(() => new GuardedClient().emit('error', fatal)).not.toThrow();
  });
});

import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '../../config/settings';

// The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
export const sessionCookieName = (settings: Settings): string =>
  settings.session.secureCookie ? '__Host-madoguchi_session' : 'madoguchi_session';

export function readSessionCookie(request: FastifyRequest, settings: Settings): string | undefined {
  return request.cookies?.[sessionCookieName(settings)];
}

export function setSessionCookie(
  reply: FastifyReply,
  settings: Settings,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(sessionCookieName(settings), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.session.secureCookie,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: Settings): void {
  void reply.clearCookie(sessionCookieName(settings), {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.session.secureCookie,
    path: '/',
  });
}

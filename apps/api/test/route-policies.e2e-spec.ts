import 'reflect-metadata';
import { NestFactory, ModulesContainer } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../src/app.module';
import { POLICY_KEY } from '../src/common/auth/policy';
import { parseEnv } from '../src/config/app-env';
import { toSettings } from '../src/config/settings';

// Every route must declare who may call it; this lists all of them without a database. It boots
// every module of the app, so it runs with the e2e tests rather than the unit ones.
describe('route policies', () => {
  it('every controller route declares an access policy', async () => {
    const settings = toSettings(
      parseEnv({ LOG_LEVEL: 'silent' }),
      { url: 'postgres://x@127.0.0.1:1/x', embedded: false },
      { consoleDir: null },
    );
    const app = await NestFactory.create(AppModule.forRoot(settings), new FastifyAdapter(), {
      preview: true,
      logger: false,
    });
    const routes: { route: string; policy: unknown }[] = [];
    for (const module of app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as new (...args: never[]) => object;
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (
            name === 'constructor' ||
            typeof handler !== 'function' ||
            Reflect.getMetadata(METHOD_METADATA, handler) === undefined
          ) {
            continue;
          }
          const path = `${String(Reflect.getMetadata(PATH_METADATA, controller))}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`;
          routes.push({
            route: `${controller.name}.${name} (${path})`,
            policy:
              Reflect.getMetadata(POLICY_KEY, handler) ??
              Reflect.getMetadata(POLICY_KEY, controller),
          });
        }
      }
    }
    await app.close();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.policy === undefined).map((r) => r.route)).toEqual([]);
    // The internet-facing policy belongs to the public form's routes and to nothing else: a staff
    // route marked so would drop its sign-in, and a public route without it could read a cookie.
    const internet = routes.filter(
      (r) => (r.policy as { kind?: string } | undefined)?.kind === 'internet',
    );
    expect(internet.map((r) => r.route).sort()).toEqual(
      routes
        .filter((r) => /\((?:public|inquiry|survey|event|event-cancel)\//.test(r.route))
        .map((r) => r.route)
        .sort(),
    );
    expect(internet.length).toBeGreaterThanOrEqual(5);
  });
});

import { describe, it, expect } from 'vitest';
import { jwtClaims, sessionFromKubeconfig, sessionFromToken } from '../../../web/src/api/credentials';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'ES256', typ: 'JWT' })}.${b64url(claims)}.c2ln`;
const future = Math.floor(Date.now() / 1000) + 3600;

describe('dashboard credentials', () => {
  it("opens a student's session for the tenant the token's audience names", () => {
    const t = jwt({ sub: 'student:alice', aud: 'alice-x1', exp: future });
    expect(sessionFromToken(`  ${t}\n`)).toEqual({ token: t, kind: 'student', tenant: 'alice-x1', user: 'student:alice', exp: future });
    const admin = sessionFromToken(jwt({ aud: ['kubeplay-admin'], sub: 'instructor' }));
    expect([admin.kind, admin.tenant]).toEqual(['admin', undefined]);
    expect(jwtClaims(jwt({ aud: 'é' })).aud).toBe('é');
  });

  it('refuses what is not a token, names no cluster, or has expired, in words a student reads', () => {
    expect(() => sessionFromToken('hello')).toThrow(/not a kubeplay token/);
    expect(() => sessionFromToken(jwt({ sub: 'x' }))).toThrow(/names no cluster/);
    expect(() => sessionFromToken(jwt({ aud: 'a', exp: 1000 }))).toThrow(/expired/);
  });

  it("takes the current context's user token from a kubeconfig", async () => {
    const t = jwt({ aud: 'bob-2', exp: future });
    const kc = `apiVersion: v1
kind: Config
current-context: bob
contexts:
- name: other
  context: { cluster: c, user: nobody }
- name: bob
  context: { cluster: c, user: bob }
users:
- name: nobody
  user: { token: ${jwt({ aud: 'nobody' })} }
- name: bob
  user: { token: ${t} }
`;
    expect(await sessionFromKubeconfig(kc)).toMatchObject({ tenant: 'bob-2', token: t });
    await expect(sessionFromKubeconfig('kind: Pod')).rejects.toThrow(/not a kubeconfig/);
    await expect(sessionFromKubeconfig('kind: Config\nusers: [{name: u, user: {client-certificate-data: x}}]')).rejects.toThrow(/no token/);
  });
});

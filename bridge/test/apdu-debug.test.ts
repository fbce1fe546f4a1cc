// APDUs are logged only with --debug-apdu, and then redacted by the app's rules.
import { afterEach, describe, expect, it } from 'vitest';
import { b64, connectShared, ready, startWorld, type World } from './world';

describe('APDU logging', () => {
  let w: World | undefined;
  afterEach(() => w?.close());
  const PIN = '3132333435363738';

  async function run(debugApdu: boolean): Promise<string> {
    w = await startWorld({ debugApdu });
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    const connection = await connectShared(c, context);
    await c.call('transmit', { connection, data: b64(`00 20 00 80 08 ${PIN}`) });
    await c.call('transmit', { connection, data: b64('00 a4 04 00 02 3f 00') });
    return w.logs.join('\n');
  }

  it('logs nothing of an APDU without the switch', async () => {
    const logs = await run(false);
    expect(logs).not.toMatch(/00 20|a4 04|31 32/i);
  });

  it('logs redacted APDUs with the switch: the PIN never appears', async () => {
    const logs = await run(true);
    expect(logs).toContain('00 20 00 80 08 ** ** ** ** ** ** ** **');
    expect(logs).toContain('00 a4 04 00 02 3f 00');
    expect(logs.replace(/\s/g, '')).not.toContain(PIN);
  });
});

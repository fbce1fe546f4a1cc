/**
 * The virtual reader's answers on the default control pipe: the standard GET_DESCRIPTOR for the
 * configuration descriptor (USB 2.0 §9.4.3), and the CCID class requests GET_CLOCK_FREQUENCIES,
 * GET_DATA_RATES (CCID 1.1 §5.3.2, §5.3.3) and ABORT (§5.3.1). Pure functions of the setup
 * packet, so the reader keeps only USB device state.
 */

/** CCID 1.1 §5.3 bRequest values. */
const ABORT = 1;
const GET_CLOCK_FREQUENCIES = 2;
const GET_DATA_RATES = 3;
/** USB 2.0 table 9-4 / 9-5: GET_DESCRIPTOR, descriptor type CONFIGURATION. */
const GET_DESCRIPTOR = 6;
const DESCRIPTOR_CONFIGURATION = 2;

/** The clocks (kHz) and data rates (bps) the virtual reader lists; they match its class descriptor. */
const CLOCKS_KHZ = [4000, 8000];
const DATA_RATES_BPS = [10752, 21505, 344086];

/**
 * Answer to a control-IN transfer: the first `length` bytes of the configuration descriptor, the
 * clock or data-rate table as little-endian dwords, or a stall for anything else (as real readers
 * stall unknown requests).
 */
export function controlIn(
  setup: USBControlTransferParameters,
  length: number,
  configBytes: Uint8Array,
): USBInTransferResult {
  if (
    setup.requestType === 'standard' &&
    setup.recipient === 'device' &&
    setup.request === GET_DESCRIPTOR &&
    setup.value >> 8 === DESCRIPTOR_CONFIGURATION
  ) {
    const d = configBytes.slice(0, length);
    return { status: 'ok', data: new DataView(d.buffer) };
  }
  if (
    setup.requestType === 'class' &&
    setup.recipient === 'interface' &&
    (setup.request === GET_CLOCK_FREQUENCIES || setup.request === GET_DATA_RATES)
  ) {
    const values = setup.request === GET_CLOCK_FREQUENCIES ? CLOCKS_KHZ : DATA_RATES_BPS;
    const d = new Uint8Array(values.length * 4);
    values.forEach((x, i) => new DataView(d.buffer).setUint32(i * 4, x, true));
    return { status: 'ok', data: new DataView(d.buffer, 0, Math.min(length, d.length)) };
  }
  return { status: 'stall' };
}

/**
 * The ABORT class request (CCID 1.1 §5.3.1): wValue is bSeq in the high byte and the slot in the
 * low byte. Returns them, or `undefined` when the setup packet is not an ABORT.
 */
export function parseAbort(setup: USBControlTransferParameters): { slot: number; seq: number } | undefined {
  if (setup.requestType !== 'class' || setup.recipient !== 'interface' || setup.request !== ABORT)
    return undefined;
  return { slot: setup.value & 0xff, seq: setup.value >> 8 };
}

/**
 * Error texts for the codes no user action can fix one by one: a card answer the app cannot read
 * (`apdu/`, `atr/`, `hex/`, `tlv/`, `sw/` — ISO/IEC 7816-3/-4 protocol faults), input the app
 * refused before sending anything, a full card, configuration, the certificate response,
 * cancellation and the simulator. One sentence what happened, one what to do (WCAG 3.3.3).
 */
import { msg } from '@lit/localize';
import type { ErrorText } from './error-text';

const PROTOCOL_FAMILIES = new Set(['apdu', 'atr', 'hex', 'tlv', 'sw']);

/** Codes whose data the app refused before anything reached the card or server. */
const REFUSED_INPUT = new Set([
  'card/invalid-key',
  'card/invalid-certificate',
  'card/invalid-digest',
  'card/invalid-slot',
  'card/invalid-file-name',
  'card/invalid-response',
  'card/unexpected',
  'cm/bad-input',
  'csr/unsupported-option',
]);

/** The text for one code of these families, or undefined when the code is not one of them. */
export function appErrorText(code: string): ErrorText | undefined {
  const family = code.split('/')[0]!;
  if (code === 'card/security-status' || code === 'card/bad-data' || PROTOCOL_FAMILIES.has(family))
    return {
      what: msg('Die Karte hat eine Antwort gegeben, mit der die App nicht weiterarbeiten kann.', {
        id: 'err.card-protocol',
      }),
      next: msg(
        'Ziehen Sie die Karte heraus, stecken Sie sie wieder ein und versuchen Sie es erneut. Bleibt der Fehler, exportieren Sie unter „Diagnose“ ein Support-Paket für Ihre IT.',
        { id: 'err.card-protocol.next' },
      ),
    };
  if (REFUSED_INPUT.has(code))
    return {
      what: msg('Die App hat ungültige Daten bemerkt und nichts an Karte oder Server gesendet.', {
        id: 'err.refused-input',
      }),
      next: msg(
        'Starten Sie den Vorgang neu. Bleibt der Fehler, exportieren Sie unter „Diagnose“ ein Support-Paket für Ihre IT.',
        { id: 'err.refused-input.next' },
      ),
    };
  if (code === 'card/no-space')
    return {
      what: msg('Auf der Karte ist kein Platz für ein weiteres Zertifikat.', { id: 'err.card-full' }),
      next: msg('Ihre IT kann nicht mehr benötigte Zertifikate von der Karte entfernen lassen.', {
        id: 'err.card-full.next',
      }),
    };
  if (family === 'config')
    return {
      what: msg('Die Einstellungen der App sind ungültig.', { id: 'err.config' }),
      next: msg('Ihre IT muss die Konfiguration der App korrigieren.', { id: 'err.config.next' }),
    };
  if (family === 'pkcs7')
    return {
      what: msg('Das ausgestellte Zertifikat passt nicht zur Karte oder ist beschädigt.', {
        id: 'err.certificate-response',
      }),
      next: msg('Starten Sie den Vorgang erneut; bleibt der Fehler, wenden Sie sich an Ihre IT.', {
        id: 'err.certificate-response.next',
      }),
    };
  if (code === 'aborted')
    return {
      what: msg('Der Vorgang wurde abgebrochen.', { id: 'err.aborted' }),
      next: msg('Sie können ihn jederzeit neu starten; erledigte Schritte werden übernommen.', {
        id: 'err.aborted.next',
      }),
    };
  // Only builds with the simulator can raise sim/ codes; production ships neither text (vite.config.ts).
  if (__SIMULATOR__ && family === 'sim')
    return {
      what: msg('Der Kartensimulator der Demo hat einen Fehler gemeldet.', { id: 'err.sim' }),
      next: msg('Laden Sie die Seite neu und versuchen Sie es erneut.', { id: 'err.sim.next' }),
    };
  return undefined;
}

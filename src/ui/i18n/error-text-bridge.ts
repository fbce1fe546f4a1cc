/**
 * Texts for the card bridge's error codes (`transport/bridge-*`, src/transport/bridge-*.ts): what
 * is wrong and the one thing to do next — start or install the bridge, answer or reset the
 * browser's Local Network Access decision, ask IT to allow this address, update the bridge.
 * `data.downloadUrl` (IT's download page, from managed configuration or config.json) and
 * `data.origin` are filled in where they help.
 */
import { msg, str } from '@lit/localize';
import type { ErrorText } from './error-text';

const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Localised text for a `transport/bridge-*` code. */
export function bridgeErrorText(code: string, data: Readonly<Record<string, unknown>>): ErrorText {
  const download = s(data.downloadUrl);
  const origin = s(data.origin) ?? msg('diese Adresse', { id: 'err.bridge.this-origin' });
  switch (code) {
    case 'transport/bridge-not-running':
      return {
        what: msg('Die Kartenbrücke läuft auf diesem Computer nicht oder ist nicht installiert.', {
          id: 'err.bridge.not-running',
        }),
        next: download
          ? msg(
              str`Melden Sie sich ab und wieder an (die Kartenbrücke startet dann von selbst). Ist sie nicht installiert, laden Sie sie hier: ${download} – oder wenden Sie sich an Ihre IT.`,
              { id: 'err.bridge.not-running.next-dl' },
            )
          : msg(
              'Melden Sie sich ab und wieder an (die Kartenbrücke startet dann von selbst). Ist sie nicht installiert, wenden Sie sich an Ihre IT.',
              { id: 'err.bridge.not-running.next' },
            ),
      };
    case 'transport/bridge-lna-prompt':
      return {
        what: msg(
          'Der Browser fragt, ob diese Seite Geräte im lokalen Netzwerk verwenden darf – das ist die Kartenbrücke.',
          { id: 'err.bridge.lna-prompt' },
        ),
        next: msg(
          'Wählen Sie in der Abfrage oben „Zulassen“ und dann erneut „Kartenbrücke“. Erscheint keine Abfrage, laden Sie die Seite neu.',
          { id: 'err.bridge.lna-prompt.next' },
        ),
      };
    case 'transport/bridge-lna-denied':
      return {
        what: msg(
          'Der Browser verbietet dieser Seite den Zugriff auf das lokale Netzwerk und damit auf die Kartenbrücke.',
          { id: 'err.bridge.lna-denied' },
        ),
        next: msg(
          'Klicken Sie links in der Adressleiste auf das Symbol für Website-Einstellungen, stellen Sie „Lokales Netzwerk“ auf „Zulassen“ und laden Sie die Seite neu. Ihre IT kann die Seite auch per Richtlinie freigeben.',
          { id: 'err.bridge.lna-denied.next' },
        ),
      };
    case 'transport/bridge-origin-refused':
      return {
        what: msg('Die Kartenbrücke nimmt keine Verbindungen von dieser Seite an.', {
          id: 'err.bridge.origin-refused',
        }),
        next: msg(str`Bitten Sie Ihre IT, ${origin} in der Konfiguration der Kartenbrücke freizugeben.`, {
          id: 'err.bridge.origin-refused.next',
        }),
      };
    case 'transport/bridge-too-old':
      return {
        what: msg('Die installierte Kartenbrücke ist zu alt für diese App.', { id: 'err.bridge.too-old' }),
        next: download
          ? msg(str`Installieren Sie die aktuelle Version: ${download} – oder wenden Sie sich an Ihre IT.`, {
              id: 'err.bridge.too-old.next-dl',
            })
          : msg('Bitten Sie Ihre IT um die aktuelle Version der Kartenbrücke.', {
              id: 'err.bridge.too-old.next',
            }),
      };
    case 'transport/bridge-no-reader':
      return {
        what: msg('Die Kartenbrücke findet keinen Kartenleser.', { id: 'err.bridge.no-reader' }),
        next: msg('Schließen Sie den Kartenleser an und wählen Sie erneut „Kartenbrücke“.', {
          id: 'err.bridge.no-reader.next',
        }),
      };
    case 'transport/bridge-no-service':
      return {
        what: msg('Der Kartendienst des Betriebssystems läuft gerade nicht.', {
          id: 'err.bridge.no-service',
        }),
        next: msg(
          'Schließen Sie den Kartenleser an (Windows startet den Dienst dann selbst) und versuchen Sie es erneut. Bleibt es dabei, wenden Sie sich an Ihre IT.',
          { id: 'err.bridge.no-service.next' },
        ),
      };
    case 'transport/bridge-gone':
    default:
      return {
        what: msg('Die Verbindung zur Kartenbrücke wurde unterbrochen.', { id: 'err.bridge.gone' }),
        next: msg(
          'Warten Sie, bis die Kartenbrücke wieder läuft (oder melden Sie sich ab und wieder an), und wiederholen Sie dann den Vorgang; erledigte Schritte werden nicht wiederholt.',
          { id: 'err.bridge.gone.next' },
        ),
      };
  }
}

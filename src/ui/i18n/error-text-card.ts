/**
 * Error texts for the reader, the card and its PIN: transport/*, ccid/*, card/* and the flow codes
 * that report what the card said (wrong or blocked PIN, refused admin key or response).
 */
import { msg, str } from '@lit/localize';
import { countWord } from './count-words';
import type { ErrorLike, ErrorText } from './error-text';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * The text for one code of this family, or undefined when the code is not one of them.
 * `retries`: the tries left that the card reported (ISO/IEC 7816-4 §10.1.3, SW 63Cx), if any.
 */
export function cardErrorText(
  code: string,
  err: ErrorLike,
  retries: number | undefined,
): ErrorText | undefined {
  switch (code) {
    case 'transport/access-denied':
      return {
        what: msg(
          'Der Browser gibt den Kartenleser nicht frei (USB-Kartenleser sind für Webseiten gesperrt).',
          {
            id: 'err.access-denied',
          },
        ),
        next: msg('Verwenden Sie die App als Isolated Web App; Ihre IT hilft bei der Einrichtung.', {
          id: 'err.access-denied.next',
        }),
      };
    case 'transport/card-removed':
    case 'card/removed':
    case 'flow/card-removed':
      return {
        what: msg('Die Karte wurde während des Vorgangs entfernt.', { id: 'err.card-removed' }),
        next: msg(
          'Stecken Sie die Karte wieder ein und starten Sie den Vorgang erneut. Bereits erledigte Schritte werden nicht wiederholt.',
          { id: 'err.card-removed.next' },
        ),
      };
    case 'transport/device-gone':
      return {
        what: msg('Der Kartenleser wurde getrennt.', { id: 'err.device-gone' }),
        next: msg('Schließen Sie den Leser wieder an und wählen Sie ihn erneut aus.', {
          id: 'err.device-gone.next',
        }),
      };
    case 'transport/timeout':
    case 'ccid/icc-mute':
    case 'ccid/t1-wtx-limit':
    case 'ccid/t1-deadline':
      return {
        what: msg('Karte oder Leser antworten nicht.', { id: 'err.timeout' }),
        next: msg(
          'Ziehen Sie die Karte kurz heraus, stecken Sie sie wieder ein und versuchen Sie es erneut.',
          { id: 'err.timeout.next' },
        ),
      };
    case 'card/pin-wrong':
    case 'sw/pin-wrong':
    case 'flow/pin-wrong': {
      const puk = err.data?.which === 'PUK';
      const left = retries === undefined ? '' : countWord(retries);
      let what: string;
      if (retries === undefined)
        what = puk
          ? msg('Die PUK ist falsch.', { id: 'err.puk-wrong' })
          : msg('Die PIN ist falsch.', { id: 'err.pin-wrong' });
      else if (retries === 1)
        what = puk
          ? msg('Die PUK ist falsch – noch ein Versuch.', { id: 'err.puk-wrong.1' })
          : msg('Die PIN ist falsch – noch ein Versuch.', { id: 'err.pin-wrong.1' });
      else
        what = puk
          ? msg(str`Die PUK ist falsch – noch ${left} Versuche.`, { id: 'err.puk-wrong.n' })
          : msg(str`Die PIN ist falsch – noch ${left} Versuche.`, { id: 'err.pin-wrong.n' });
      return {
        what,
        next:
          retries === 1
            ? msg('Prüfen Sie die Eingabe genau: Nach einem weiteren Fehlversuch ist sie gesperrt.', {
                id: 'err.pin-wrong.last',
              })
            : msg('Prüfen Sie die Eingabe und versuchen Sie es erneut.', { id: 'err.pin-wrong.next' }),
      };
    }
    case 'card/pin-blocked':
    case 'sw/auth-blocked':
    case 'flow/pin-blocked':
      if (err.data?.which === 'PUK')
        return {
          what: msg('Die PUK ist gesperrt.', { id: 'err.puk-blocked' }),
          next: msg(
            'Die Karte lässt sich nicht mehr entsperren. Wenden Sie sich für eine neue Karte an Ihre IT.',
            { id: 'err.puk-blocked.next' },
          ),
        };
      return {
        what: msg('Die PIN ist gesperrt.', { id: 'err.pin-blocked' }),
        next:
          err.data?.unblockable === false
            ? msg('Diese Karte kann die App nicht entsperren. Wenden Sie sich an Ihre IT.', {
                id: 'err.pin-blocked.it',
              })
            : msg('Wählen Sie „PIN entsperren“, um eine neue PIN zu setzen.', { id: 'err.pin-blocked.next' }),
      };
    case 'card/admin-auth-failed':
    case 'flow/admin-auth-failed':
      return {
        what: msg('Die Karte hat die Freigabe durch den Zertifikatsserver abgelehnt.', {
          id: 'err.admin-auth',
        }),
        next: msg(
          'Wenden Sie sich an Ihre IT: Der Administratorschlüssel der Karte passt nicht zu den Angaben des Servers.',
          { id: 'err.admin-auth.next' },
        ),
      };
    case 'flow/response-format':
      return {
        what: msg(
          str`Der Antwortcode hat nicht die erwartete Form: ${num(err.data?.digits) ?? 16} Zeichen aus 0–9 und A–F.`,
          { id: 'err.response-format' },
        ),
        next: msg(
          'Tippen Sie den Code ab, wie der Helpdesk ihn vorliest; Leerzeichen dürfen Sie weglassen.',
          { id: 'err.response-format.next' },
        ),
      };
    case 'flow/response-wrong':
      return {
        what: msg(
          'Die Karte hat den Antwortcode abgelehnt. Der Fehlversuch kann auf der Karte gezählt werden.',
          { id: 'err.response-wrong' },
        ),
        next: msg(
          'Lesen Sie dem Helpdesk Ihrer IT den neuen Anfragecode vor, den die Karte jetzt anzeigt, und geben Sie die neue Antwort ein.',
          { id: 'err.response-wrong.next' },
        ),
      };
    case 'transport/not-supported':
    case 'ccid/descriptor':
    case 'ccid/no-interface':
      return {
        what: msg(
          'Dieser Kartenleser arbeitet auf eine Weise, die die App nicht unterstützt (zeichenweise Übertragung).',
          { id: 'err.reader-unsupported' },
        ),
        next: msg(
          'Verwenden Sie einen anderen Kartenleser; die meisten handelsüblichen Leser funktionieren.',
          { id: 'err.reader-unsupported.next' },
        ),
      };
    case 'transport/no-reader':
      return {
        what: msg('Es wurde kein Kartenleser ausgewählt.', { id: 'err.no-reader' }),
        next: msg('Schließen Sie den Leser an und wählen Sie ihn im Dialog des Browsers aus.', {
          id: 'err.no-reader.next',
        }),
      };
    case 'transport/pcsc-unavailable':
      return {
        what: msg('Der Kartendienst des Systems ist nicht verfügbar.', { id: 'err.pcsc-unavailable' }),
        next: msg(
          'Unter ChromeOS muss die Erweiterung „Smart Card Connector“ installiert sein; Ihre IT hilft dabei.',
          { id: 'err.pcsc-unavailable.next' },
        ),
      };
    case 'transport/permission-denied':
      return {
        what: msg('Der Zugriff auf den Kartenleser wurde nicht erlaubt.', { id: 'err.permission-denied' }),
        next: msg(
          'Erlauben Sie den Zugriff, wenn der Browser fragt, oder bitten Sie Ihre IT um die Richtlinie „SmartCardConnectAllowedForUrls“.',
          { id: 'err.permission-denied.next' },
        ),
      };
    case 'transport/sharing-violation':
    case 'transport/transaction-failed':
    case 'transport/busy':
      return {
        what: msg('Eine andere Anwendung benutzt die Karte gerade.', { id: 'err.sharing' }),
        next: msg(
          'Schließen Sie die andere Anwendung oder warten Sie einen Moment und versuchen Sie es erneut.',
          { id: 'err.sharing.next' },
        ),
      };
    case 'transport/card-reset':
    case 'transport/cancelled-by-system':
      return {
        what: msg('Das System hat die Verbindung zur Karte zurückgesetzt.', { id: 'err.card-reset' }),
        next: msg('Starten Sie den Vorgang erneut; bereits erledigte Schritte werden nicht wiederholt.', {
          id: 'err.card-reset.next',
        }),
      };
    case 'transport/protocol-mismatch':
    case 'transport/unsupported-card':
    case 'transport/card-unpowered':
      return {
        what: msg('Die Karte lässt sich nicht ansprechen.', { id: 'err.card-unreadable' }),
        next: msg(
          'Stecken Sie die Karte richtig herum und ganz ein. Hilft das nicht, ist es vielleicht keine Karte dieser Firma.',
          { id: 'err.card-unreadable.next' },
        ),
      };
    case 'transport/invalid-state':
    case 'transport/pcsc-error':
    case 'transport/protocol':
    case 'ccid/message':
    case 'ccid/slot-error':
    case 'ccid/pps':
    case 'ccid/t0':
    case 'ccid/t1':
    case 'ccid/t1-block':
      return {
        what: msg('Kartenleser oder Kartendienst melden einen Fehler.', { id: 'err.reader-error' }),
        next: msg('Ziehen Sie die Karte, stecken Sie sie wieder ein und versuchen Sie es erneut.', {
          id: 'err.reader-error.next',
        }),
      };
    case 'card/not-supported':
    case 'card/no-card-id':
    case 'flow/not-supported':
      if (err.data?.reason === 'pfx-result')
        return {
          what: msg(
            'Der Server liefert für dieses Zertifikat einen Schlüssel zum Importieren; das kann die App auf diese Karte nicht schreiben.',
            { id: 'err.pfx' },
          ),
          next: msg(
            'Die Registrierung wurde nicht abgeschlossen. Wenden Sie sich an Ihre IT: Die Vorlage muss den Schlüssel auf der Karte erzeugen lassen.',
            { id: 'err.pfx.next' },
          ),
        };
      return {
        what: msg('Diese Karte unterstützt den Vorgang nicht.', { id: 'err.not-supported' }),
        next: msg('Wenden Sie sich an Ihre IT.', { id: 'err.not-supported.next' }),
      };
  }
  return undefined;
}

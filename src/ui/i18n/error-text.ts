/**
 * What a user reads when something fails: one sentence saying what happened and one saying what
 * to do next (WCAG 3.3.3), chosen by the error's stable `code` (ARCHITECTURE.md "Error model").
 * Unknown codes fall back to a generic text that still names the code for the help desk.
 */
import { msg, str } from '@lit/localize';
import { countWord } from './count-words';
import { noteError } from '../last-error';
import { bridgeErrorText } from './error-text-bridge';

export interface ErrorLike {
  code?: string;
  data?: Readonly<Record<string, unknown>>;
}

export interface ErrorText {
  what: string;
  next: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

let supportContact: string | undefined;

/**
 * Sets the help-desk contact an administrator configured (`supportContact` in managed
 * configuration or config.json); every message that sends the user to IT then names it.
 */
export function setSupportContact(contact: string | undefined): void {
  supportContact = contact?.trim() || undefined;
}

/** The configured help-desk contact, if any. */
export function getSupportContact(): string | undefined {
  return supportContact;
}

/** " IT-Support: <contact>" for a sentence that sends the user to IT, or "" without a contact. */
export function supportSuffix(): string {
  return supportContact ? ' ' + msg(str`IT-Support: ${supportContact}`, { id: 'err.support-contact' }) : '';
}

/** Matches the word "IT" as both languages use it ("Ihre IT", "Ihrer IT", "your IT"). */
const SENDS_TO_IT = /(^|[^\p{L}])IT([^\p{L}-]|$)/u;

/**
 * Localised text for an error; pass anything thrown (non-AppErrors get the generic text). When a
 * support contact is configured, every "next" sentence that sends the user to IT ends with it.
 * The error is also noted as the last one shown (for the support bundle).
 */
export function errorText(e: unknown): ErrorText {
  // Every error the user sees passes here, so this is where the support bundle learns the last one.
  noteError(e);
  const t = baseErrorText(e);
  return SENDS_TO_IT.test(t.next) ? { what: t.what, next: t.next + supportSuffix() } : t;
}

function baseErrorText(e: unknown): ErrorText {
  const err = (e ?? {}) as ErrorLike;
  const code = err.code ?? 'unknown';
  const retries = num(err.data?.retries);
  const family = code.split('/')[0];
  // Card bridge trouble, directly or as the cause of a failed flow step (flows/errors.ts causeCode).
  const bridgeCode = [code, err.data?.causeCode].find(
    (c): c is string => typeof c === 'string' && c.startsWith('transport/bridge-'),
  );
  if (bridgeCode) return bridgeErrorText(bridgeCode, err.data ?? {});
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
      return {
        what: msg('Karte oder Leser antworten nicht.', { id: 'err.timeout' }),
        next: msg(
          'Ziehen Sie die Karte kurz heraus, stecken Sie sie wieder ein und versuchen Sie es erneut.',
          { id: 'err.timeout.next' },
        ),
      };
    case 'card/pin-wrong':
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
        what: msg(str`Der Antwortcode hat nicht die erwartete Form: ${num(err.data?.digits) ?? 16} Zeichen aus 0–9 und A–F.`, { id: 'err.response-format' }),
        next: msg('Tippen Sie den Code ab, wie der Helpdesk ihn vorliest; Leerzeichen dürfen Sie weglassen.', { id: 'err.response-format.next' }),
      };
    case 'flow/response-wrong':
      return {
        what: msg('Die Karte hat den Antwortcode abgelehnt. Der Fehlversuch kann auf der Karte gezählt werden.', { id: 'err.response-wrong' }),
        next: msg('Lesen Sie dem Helpdesk Ihrer IT den neuen Anfragecode vor, den die Karte jetzt anzeigt, und geben Sie die neue Antwort ein.', { id: 'err.response-wrong.next' }),
      };
    case 'cm/http-401':
    case 'cm/sign-in-required':
    case 'flow/not-signed-in':
      // Bearer (AD FS / Entra ID): the token ran out — the user can fix it; Negotiate: only IT can.
      if (code === 'cm/sign-in-required' || err.data?.authScheme === 'bearer') {
        return {
          what: msg('Ihre Anmeldung am Zertifikatsserver ist abgelaufen.', { id: 'err.signin-expired' }),
          next: msg(
            'Melden Sie sich über die Schaltfläche oben erneut an und wählen Sie dann „Dort weitermachen, wo Sie aufgehört haben“. Erledigte Schritte werden nicht wiederholt.',
            { id: 'err.signin-expired.next' },
          ),
        };
      }
      return {
        what: msg('Der Zertifikatsserver hat Sie nicht angemeldet.', { id: 'err.401' }),
        next: msg(
          'Ihre IT muss den Server in der Browser-Richtlinie „AuthServerAllowlist“ eintragen. Melden Sie sich bis dahin am Firmennetz an und laden Sie neu.',
          { id: 'err.401.next' },
        ),
      };
    case 'cm/http-403':
    case 'flow/no-permission':
      return {
        what: msg('Sie haben für diesen Vorgang keine Berechtigung.', { id: 'err.403' }),
        next: msg(
          'Wenden Sie sich an Ihre IT: Ihr Konto braucht die Berechtigung für diesen Vorgang in MIM CM.',
          { id: 'err.403.next' },
        ),
      };
    case 'cm/http-404':
    case 'flow/server-unavailable':
      return {
        what: msg('Die Schnittstelle des Zertifikatsservers ist nicht eingeschaltet.', { id: 'err.404' }),
        next: msg('Ihre IT muss die REST-Schnittstelle von MIM CM aktivieren (Clm.WebApi.Enabled).', {
          id: 'err.404.next',
        }),
      };
    case 'cm/http-500':
    case 'flow/server-error': {
      const id = typeof err.data?.correlationId === 'string' ? err.data.correlationId : '–';
      return {
        what: msg('Beim Zertifikatsserver ist ein Fehler aufgetreten.', { id: 'err.500' }),
        next: msg(str`Versuchen Sie es später erneut. Nennen Sie Ihrer IT diese Kennung: ${id}`, {
          id: 'err.500.next',
        }),
      };
    }
    case 'cm/cors':
      return {
        what: msg(
          'Der Browser blockiert den Zugriff auf den Zertifikatsserver (anderer Ursprung, kein CORS).',
          { id: 'err.cors' },
        ),
        next: msg(
          'Ihre IT muss die App auf demselben Server betreiben oder CORS in IIS für diese App erlauben.',
          { id: 'err.cors.next' },
        ),
      };
    case 'cm/network':
    case 'cm/timeout':
    case 'flow/server-unreachable':
      return {
        what: msg('Der Zertifikatsserver ist nicht erreichbar.', { id: 'err.network' }),
        next: msg('Prüfen Sie die Netzwerkverbindung (VPN?) und versuchen Sie es erneut.', {
          id: 'err.network.next',
        }),
      };
    case 'flow/card-not-registered':
      return {
        what: msg('Diese Karte ist beim Zertifikatsserver nicht bekannt.', { id: 'err.not-registered' }),
        next: msg('Registrieren Sie die Karte über „Karte registrieren“ oder fragen Sie Ihre IT.', {
          id: 'err.not-registered.next',
        }),
      };
    case 'flow/approval-timeout':
      return {
        what: msg('Die Freigabe Ihres Antrags steht noch aus.', { id: 'err.approval-timeout' }),
        next: msg(
          'Sie können die App schließen; öffnen Sie sie später wieder, der Vorgang wird fortgesetzt.',
          { id: 'err.approval-timeout.next' },
        ),
      };
    case 'flow/approval-denied':
      return {
        what: msg('Ihr Antrag wurde abgelehnt.', { id: 'err.approval-denied' }),
        next: msg('Fragen Sie Ihre IT nach dem Grund.', { id: 'err.approval-denied.next' }),
      };
    case 'flow/card-already-registered':
      return {
        what: msg('Diese Karte ist bereits registriert.', { id: 'err.already-registered' }),
        next: msg(
          'Für eine registrierte Karte wählen Sie „Vorgeschlagene PIN abrufen“ oder „PIN entsperren“.',
          { id: 'err.already-registered.next' },
        ),
      };
    case 'flow/card-retired':
      return {
        what: msg('Diese Karte ist stillgelegt.', { id: 'err.retired' }),
        next: msg(
          'Eine stillgelegte Karte kann nicht mehr verwendet werden. Wenden Sie sich für eine neue Karte an Ihre IT.',
          { id: 'err.retired.next' },
        ),
      };
    case 'flow/wrong-card':
    case 'flow/resume-mismatch':
      return {
        what: msg('Im Leser steckt eine andere Karte als beim Beginn dieses Vorgangs.', {
          id: 'err.wrong-card',
        }),
        next: msg('Stecken Sie die ursprüngliche Karte ein, oder beginnen Sie den Vorgang neu.', {
          id: 'err.wrong-card.next',
        }),
      };
    case 'flow/card-error':
      return {
        what: msg('Die Karte hat einen Befehl abgelehnt.', { id: 'err.card-error' }),
        next: msg(
          'Ziehen Sie die Karte, stecken Sie sie wieder ein und versuchen Sie es erneut. Bleibt der Fehler, exportieren Sie unter „Diagnose“ ein Support-Paket.',
          { id: 'err.card-error.next' },
        ),
      };
    case 'flow/server-state-lost':
      return {
        what: msg('Der Zertifikatsserver kennt den unterbrochenen Vorgang nicht mehr.', {
          id: 'err.state-lost',
        }),
        next: msg('Weitermachen ist nicht möglich. Beginnen Sie den Vorgang neu.', {
          id: 'err.state-lost.next',
        }),
      };
    case 'flow/request-closed':
      return {
        what: msg('Der Antrag zu diesem Vorgang ist bereits abgeschlossen oder wurde zurückgezogen.', {
          id: 'err.request-closed',
        }),
        next: msg('Beginnen Sie den Vorgang neu.', { id: 'err.request-closed.next' }),
      };
    case 'flow/pin-policy':
      return {
        what: msg('Die PIN erfüllt die Vorgaben nicht.', { id: 'err.pin-policy' }),
        next: msg('Wählen Sie eine PIN mit der angegebenen Länge und den erlaubten Zeichen.', {
          id: 'err.pin-policy.next',
        }),
      };
    case 'flow/data-missing':
      return {
        what: msg('Es fehlen Angaben, die für diesen Antrag nötig sind.', { id: 'err.data-missing' }),
        next: msg('Füllen Sie die markierten Pflichtfelder aus.', { id: 'err.data-missing.next' }),
      };
    case 'flow/confirmation-required':
      if (err.data?.reason === 'card-pin-required')
        return {
          what: msg('Für diese Karte wird ihre aktuelle PIN gebraucht.', { id: 'err.card-pin-required' }),
          next: msg('Geben Sie die PIN Ihrer Karte ein; sie bleibt unverändert.', {
            id: 'err.card-pin-required.next',
          }),
        };
      return {
        what: msg('Dieser Schritt braucht Ihre ausdrückliche Bestätigung.', { id: 'err.confirmation' }),
        next: msg('Bestätigen Sie und versuchen Sie es erneut.', { id: 'err.confirmation.next' }),
      };
    case 'flow/server-unexpected':
    case 'cm/bad-response':
      return {
        what: msg('Der Zertifikatsserver hat unerwartet geantwortet.', { id: 'err.server-unexpected' }),
        next: msg(
          'Versuchen Sie es später erneut; bleibt es dabei, exportieren Sie unter „Diagnose“ ein Support-Paket für Ihre IT.',
          { id: 'err.server-unexpected.next' },
        ),
      };
    case 'transport/not-supported':
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
      return {
        what: msg('Kartenleser oder Kartendienst melden einen Fehler.', { id: 'err.reader-error' }),
        next: msg('Ziehen Sie die Karte, stecken Sie sie wieder ein und versuchen Sie es erneut.', {
          id: 'err.reader-error.next',
        }),
      };
    case 'card/not-supported':
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
  if (code === 'store/quota') {
    return {
      what: msg('Der Speicherplatz des Browsers für diese App ist voll; nichts wird lokal gespeichert.', {
        id: 'err.store.quota',
      }),
      next: msg(
        'Die App funktioniert weiter. Geben Sie in den Browser-Einstellungen Speicherplatz frei, dann wird wieder gespeichert.',
        { id: 'err.store.quota.next' },
      ),
    };
  }
  if (family === 'store') {
    return {
      what: msg('Der lokale Zwischenspeicher ist nicht verfügbar.', { id: 'err.store' }),
      next: msg('Die App funktioniert weiter, speichert aber nichts für die Offline-Ansicht.', {
        id: 'err.store.next',
      }),
    };
  }
  return {
    what: msg(str`Unerwarteter Fehler (${code}).`, { id: 'err.generic' }),
    next: msg(
      'Versuchen Sie es erneut. Bleibt der Fehler, exportieren Sie unter „Diagnose“ ein Support-Paket für Ihre IT.',
      { id: 'err.generic.next' },
    ),
  };
}

/**
 * Error texts for the certificate server and the flow around it: cm/* (HTTP status, CORS,
 * network) and the flow codes that report what CM said or where a run stands.
 */
import { msg, str } from '@lit/localize';
import type { ErrorLike, ErrorText } from './error-text';

/**
 * The text for one code of this family, or undefined when the code is not one of them.
 */
export function serverErrorText(code: string, err: ErrorLike): ErrorText | undefined {
  switch (code) {
    case 'cm/http-401':
    case 'cm/sign-in-required':
    case 'auth/sign-in-required':
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
    // Sign-in in the Isolated Web App (browser tab + loopback redirect, RFC 8252 §7.3).
    case 'auth/sign-in-timeout':
      return {
        what: msg('Die Anmeldung wurde nicht abgeschlossen.', { id: 'auth.failed' }),
        next: msg(
          'Keine Antwort der Anmeldeseite innerhalb von 5 Minuten. Klicken Sie auf „Anmelden“, um es erneut zu versuchen.',
          { id: 'auth.failed.timeout' },
        ),
      };
    case 'auth/loopback-unavailable':
      return {
        what: msg('Die Anmeldung wurde nicht abgeschlossen.', { id: 'auth.failed' }),
        next: msg(
          'Diese Installation der App kann die Anmeldung nicht empfangen (Direct Sockets nicht verfügbar). Ihre IT muss die aktuelle Version der App installieren.',
          { id: 'auth.failed.loopback' },
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
    case 'card/invalid-pin':
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
    case 'cm/http-error':
    case 'cm/bad-response':
      return {
        what: msg('Der Zertifikatsserver hat unerwartet geantwortet.', { id: 'err.server-unexpected' }),
        next: msg(
          'Versuchen Sie es später erneut; bleibt es dabei, exportieren Sie unter „Diagnose“ ein Support-Paket für Ihre IT.',
          { id: 'err.server-unexpected.next' },
        ),
      };
  }
  return undefined;
}

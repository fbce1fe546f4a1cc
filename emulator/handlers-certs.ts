/**
 * Certificate request operations and certificate listings:
 * get-certificate-request-generation-options.md, get-certificate-responses.md,
 * get-smartcard-profile-certificates.md, get-user-certificates.md.
 */
import type { CertificateResult, X509ClmCertificate } from './wire-types';
import { noContent, ok, param, requestOf, templateOf, type Ctx } from './context';
import type { CertRec } from './state';
import { badRequest, netPlain, prop } from './wire';

/** (8) GET /requests/{id}/certificaterequestgenerationoptions — one element per CSR (an array, defect 11). */
export function generationOptions(ctx: Ctx): Response {
  const r = requestOf(ctx);
  if (!r) return noContent();
  return ok(templateOf(ctx, r.dto.ProfileTemplateUuid).genOptions);
}

/**
 * (9) POST /requests/{id}/certificatedata: each PKCS#10 becomes a real certificate from the emulated
 * CA, returned as PKCS#7. A bad CSR yields a result with `Error` set rather than failing the batch.
 */
export async function certificateData(ctx: Ctx): Promise<Response> {
  const r = requestOf(ctx, { executable: true });
  if (!r) return noContent();
  const csrs = prop(ctx.body, 'certificaterequests');
  if (!Array.isArray(csrs) || !csrs.every((c) => typeof c === 'string')) throw badRequest();
  const t = templateOf(ctx, r.dto.ProfileTemplateUuid);
  const ca = await ctx.ca();
  const target = ctx.st.users.get(r.dto.TargetUserUuid) ?? ctx.user;
  const results: CertificateResult[] = [];
  for (const [i, csr] of (csrs as string[]).entries()) {
    const base: CertificateResult = {
      TemplateCommonName: t.certTemplateName,
      CertificateId: 0,
      Flags: 65536,
      UseLocalMachineStore: false,
      Error: null,
      Pkcs7: null,
      Pfx: null,
      IsExternal: false,
      isServerGenerated: false,
      isPfx: false,
      isPkcs7: false,
      isKeyHistory: false,
    };
    try {
      const keyUsages = t.genOptions[Math.min(i, t.genOptions.length - 1)]?.KeyUsages ?? 2;
      const issued = await ca.issue(csr, `CN=${target.name.split('\\').pop()}`, keyUsages, ctx.now);
      results.push({ ...base, Pkcs7: issued.pkcs7, isPkcs7: true });
      const card = ctx.st.cards.get(r.dto.NewSmartcardUuid);
      ctx.st.certs.push({
        info: {
          IsKeyHistory: false,
          ArchivedOnCa: false,
          CertificateType: 1,
          TemplateCommonName: t.certTemplateName,
          SerialNumber: issued.serialNumber,
          Thumbprint: issued.thumbprint,
          NotAfter: netPlain(issued.cert.notAfter),
          NotBefore: netPlain(issued.cert.notBefore),
          Issuer: ca.configString,
          RequesterName: ctx.user.name,
          Status: 0,
        },
        owner: target.uuid,
        retired: false,
        request: r.dto.Uuid,
        ...(card && { card: card.dto.Uuid }),
      });
    } catch (e) {
      results.push({ ...base, Error: (e as Error).message });
    }
  }
  ctx.o.log(
    `request ${r.dto.Uuid}: ${results.filter((x) => x.isPkcs7).length}/${csrs.length} certificates issued`,
  );
  return ok(results);
}

/** The 6 base fields of X509ClmCertificate (card/profile listings). */
function baseFields(c: CertRec): X509ClmCertificate {
  const { IsKeyHistory, ArchivedOnCa, CertificateType, TemplateCommonName, SerialNumber, Thumbprint } =
    c.info;
  return { IsKeyHistory, ArchivedOnCa, CertificateType, TemplateCommonName, SerialNumber, Thumbprint };
}

/** (22) GET /smartcards/{id}/certificates. */
export function cardCertificates(ctx: Ctx): Response {
  const id = param(ctx, 0);
  const list = ctx.st.certs.filter((c) => c.card === id).map(baseFields);
  return list.length ? ok(list) : noContent();
}

/** (23) GET /profiles/{id}/certificates. */
export function profileCertificates(ctx: Ctx): Response {
  const id = param(ctx, 0);
  const list = ctx.st.certs.filter((c) => c.profile === id).map(baseFields);
  return list.length ? ok(list) : noContent();
}

/** (24) GET /certificates — the caller's certificates with all 11 fields; retired ones filtered out. */
export function userCertificates(ctx: Ctx): Response {
  const list = ctx.st.certs
    .filter((c) => c.owner === ctx.user.uuid && !c.retired)
    .map((c) => ({ ...c.info }));
  return list.length ? ok(list) : noContent();
}

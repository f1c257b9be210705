import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Imports by upload (`/impor`, `/impor/{file}`) and exports by download (`/ekspor`,
/// `/ekspor/{file}.csv|.xlsx`), over the same import and export services as the API: the
/// same roles, the same all-or-nothing report, the same files.
struct FilePages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/impor") { _, context in try importForm(context) }
        signedIn.post("/impor/{file}") { request, context in try await upload(request, context) }
        signedIn.get("/ekspor") { _, context in try exportList(context) }
        signedIn.get("/ekspor/{file}") { _, context in try await download(context) }
    }

    static let importersOnly = DomainError(.forbidden, code: "web.imports_tenant_admins",
                                           "Impor data dilakukan oleh admin BKD pemerintah daerah.")
    static let exportersOnly = DomainError(.forbidden, code: "web.exports_staff",
                                           "Ekspor data tersedia bagi admin BKD, operator instansi, pejabat penyetuju, dan auditor.")
    /// The part of the upload form that holds the file.
    static let filePart = "berkas"

    /// The form is offered to those the import service lets import (tenant admins); the
    /// service still decides every upload.
    private func importForm(_ context: AppRequestContext) throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role == .tenantAdmin else { throw Self.importersOnly }
        return Layout.response(ImportPage.render(principal: principal, csrf: context.csrfToken))
    }

    private func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role == .tenantAdmin else { throw Self.importersOnly }
        let file = try WorkforceFileController.file(context)
        var request = request
        // The sign-in middleware has read the body already (for its CSRF check): this is that copy.
        let form = try await WebMultipart.read(&request, maxBytes: WorkforceFileController.maxImportBytes)
        func refused(_ message: String, _ status: HTTPResponse.Status) -> Response {
            Layout.response(ImportPage.render(principal: principal, csrf: context.csrfToken, outcome: .refused(file, message)),
                            status: status)
        }
        guard let part = form.part(Self.filePart), !part.bytes.isEmpty else {
            return refused("Pilih berkas CSV atau .xlsx yang akan diimpor.", .badRequest)
        }
        guard let format = SheetFormat(fileName: part.fileName ?? "") else {
            return refused("Berkas harus berakhiran .csv atau .xlsx.", .unsupportedMediaType)
        }
        let report: ImportReport
        do {
            report = try await services.imports.importCSV(actor: principal, tenantID: principal.scope.uuid, file: file,
                                                          bytes: part.bytes, format: format)
        } catch let error as DomainError where error.code.hasPrefix("xlsx.") {
            let message = error.code == "xlsx.too_large"
                ? "Isi buku kerja ini melebihi batas setelah dibuka; bagi menjadi beberapa berkas."
                : "Berkas ini bukan buku kerja .xlsx yang dapat dibaca. Simpan ulang dari Excel sebagai .xlsx atau gunakan CSV."
            return refused(message, Problem.status(for: error.kind))
        }
        // The API's statuses: 200 with the counts, 422 when the rows were refused.
        return Layout.response(ImportPage.render(principal: principal, csrf: context.csrfToken, outcome: .report(report)),
                               status: report.applied ? .ok : .unprocessableContent)
    }

    private func exportList(_ context: AppRequestContext) throws -> Response {
        let principal = try context.requirePrincipal()
        guard [.tenantAdmin, .agencyOperator, .approver, .auditor].contains(principal.role) else { throw Self.exportersOnly }
        return Layout.response(ExportPage.render(principal: principal, csrf: context.csrfToken))
    }

    private func download(_ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        let (file, format) = try WorkforceFileController.exportFile(context)
        let data = try await services.exports.exportCSV(actor: principal, tenantID: principal.scope.uuid, file: file, format: format)
        return Response(status: .ok, headers: [
            .contentType: format.contentType,
            .contentDisposition: "attachment; filename=\"\(file.rawValue).\(format.fileExtension)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

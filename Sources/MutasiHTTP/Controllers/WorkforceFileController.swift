import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// CSV and .xlsx import and export of units, slots and employees. Imports tell the format by
/// Content-Type; exports by the extension of the path (`units`, `units.csv`, `units.xlsx`).
struct WorkforceFileController {
    let services: Services

    /// Uploads above this are refused with 413: 64 MiB holds some 400,000 employee rows.
    static let maxImportBytes = 64 * 1024 * 1024
    static let csvTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"]
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The 422 answer to a file with bad rows: a problem document that carries the report.
    struct Rejection: Encodable {
        var type = "https://mutasi.go.id/problems/import.rejected"
        var title = "Unprocessable Content"
        var status = 422
        var detail: String
        var code = "import.rejected"
        var instance: String
        var requestId: String
        var report: ImportReport
    }

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let s = services
        table.on(group, prefix: "/v1", "tenants/{tenantID}/imports/{file}", method: .post) { request, context in
            let tenantID = try WorkforceController.tenant(context)
            let file = try Self.file(context)
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            let format: SheetFormat
            if contentType.hasPrefix(Self.xlsxType) {
                format = .xlsx
            } else if Self.csvTypes.contains(where: contentType.hasPrefix) {
                format = .csv
            } else {
                throw DomainError(.unsupportedMediaType, code: "request.unsupported_media_type",
                                  "Send the file as text/csv or as \(Self.xlsxType).")
            }
            let actor = try context.requirePrincipal()
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Self.maxImportBytes)
            } catch {
                throw DomainError(.payloadTooLarge, code: "request.too_large",
                                  "The file is larger than \(Self.maxImportBytes / 1024 / 1024) MiB; split it.")
            }
            let report = try await s.imports.importCSV(actor: actor, tenantID: tenantID, file: file,
                                                       bytes: Array(buffer.readableBytesView), format: format)
            guard report.applied else {
                let rejection = Rejection(
                    detail: "\(report.badRows) row(s) of the file have problems; nothing was written. See report.errors.",
                    instance: request.uri.path, requestId: context.id, report: report)
                var response = try HTTPInput.json(rejection, status: .unprocessableContent)
                response.headers[.contentType] = "application/problem+json"
                return response
            }
            return try HTTPInput.json(report)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/exports/{file}", method: .get) { _, context in
            let tenantID = try WorkforceController.tenant(context)
            let (file, format) = try Self.exportFile(context)
            let data = try await s.exports.exportCSV(actor: try context.requirePrincipal(), tenantID: tenantID, file: file,
                                                     format: format)
            return Response(status: .ok, headers: [
                .contentType: format.contentType,
                .contentDisposition: "attachment; filename=\"\(file.rawValue).\(format.fileExtension)\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    static func file(_ context: AppRequestContext) throws -> WorkforceFile {
        guard let text = context.parameters.get("file"), let file = WorkforceFile(rawValue: text) else {
            throw DomainError.notFound("import.unknown_file", "Files are units, slots or employees.")
        }
        return file
    }

    /// `units`, `units.csv` (CSV) or `units.xlsx`.
    static func exportFile(_ context: AppRequestContext) throws -> (WorkforceFile, SheetFormat) {
        let text = context.parameters.get("file") ?? ""
        let format = SheetFormat(fileName: text)
        let name = format.map { text.dropLast($0.fileExtension.count + 1) }.map(String.init) ?? text
        guard let file = WorkforceFile(rawValue: name) else {
            throw DomainError.notFound("import.unknown_file", "Files are units, slots or employees (.csv or .xlsx).")
        }
        return (file, format ?? .csv)
    }
}

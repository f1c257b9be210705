import Foundation
import MutasiDomain
import MutasiRepositories

/// CSV or .xlsx export of units, slots and employees in the import's own columns (so an export
/// imports back unchanged): CSV as UTF-8 with BOM, `;` separated; .xlsx with every cell text. Tenant admins, approvers and auditors export
/// everything of their tenant, agency operators their agencies' records.
public struct WorkforceExportService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public func exportCSV(actor: Principal, tenantID: UUID, file: WorkforceFile,
                          format: SheetFormat = .csv) async throws -> Data {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try Access.require(actor, in: tenant, roles: [.tenantAdmin, .agencyOperator, .approver, .auditor])
            let limit = WorkforceAccess.agencyLimit(actor)
            switch file {
            case .units:
                let rows = try await tx.workforceBulk.exportUnits(tenantID: tenantID, agencyIDs: limit)
                return format.write(header: file.header, rows: rows.map { [$0.code, $0.name, $0.agencyCode, $0.regionCode, $0.remote ? "ya" : "tidak"] })
            case .slots:
                let rows = try await tx.workforceBulk.exportSlots(tenantID: tenantID, agencyIDs: limit)
                return format.write(header: file.header, rows: rows.map { row in
                    let s = row.slot
                    return [row.unitCode, s.code, s.name, s.kind.indonesianName, Grade(rawValue: s.grades.min)!.label,
                            Grade(rawValue: s.grades.max)!.label, s.educationFields.joined(separator: "|"),
                            Competencies.format(s.competencies.map { ($0.code, $0.level) }), String(s.need), s.needReason ?? ""]
                })
            case .employees:
                let rows = try await tx.workforceBulk.exportEmployees(tenantID: tenantID, agencyIDs: limit)
                return format.write(header: file.header, rows: rows.map { e in
                    [e.nip, e.kind.rawValue, e.name, e.birthDate.iso, e.sex.letter, EmployeeGrade.label(e.grade, kind: e.kind),
                     e.educationLevel, e.educationField, Competencies.format(e.competencies.map { ($0.key, $0.value) }),
                     e.unitCode ?? "", e.slotCode ?? "", e.slotSince?.iso ?? "", PerformanceRating.format(e.performance),
                     e.locked ? "ya" : "tidak", e.lockReason ?? ""]
                })
            }
        }
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// A needs analysis as the API and CLI show it: its content, its slot, where it stands, and its
/// figures under the tenant's current settings and the slot's current staff.
public struct NeedsAnalysisView: Codable, Sendable, Equatable {
    /// A task with its exact decimals: `{"name", "volume": "1200", "standardMinutes": "2.5", "workloadMinutes": "3000"}`.
    public struct Task: Codable, Sendable, Equatable {
        public var name: String
        public var volume: String
        public var standardMinutes: String
        public var workloadMinutes: String
    }
    /// `{"driver": "murid per guru", "population": 250, "perPerson": "20"}`.
    public struct Ratio: Codable, Sendable, Equatable {
        public var driver: String
        public var population: Int
        public var perPerson: String
    }

    public var id: UUID
    public var tenantID: UUID
    public var slotID: UUID
    public var slot: NeedsSlotContext
    public var year: Int
    /// `workload` (tasks) or `ratio`.
    public var method: String
    public var tasks: [Task]?
    public var ratio: Ratio?
    public var state: NeedsAnalysis.State
    public var notes: String?
    public var approvedNeed: Int?
    public var figures: NeedsFigures
    public var createdBy: UUID
    public var createdAt: Date
    public var submittedBy: UUID?
    public var submittedAt: Date?
    public var decidedBy: UUID?
    public var decidedAt: Date?
    public var version: Int

    init(_ record: NeedsAnalysisRecord, settings: NeedsSettings) throws {
        let a = record.analysis
        id = a.id; tenantID = a.tenantID; slotID = a.slotID; slot = record.slot; year = a.year
        method = a.basis.method
        switch a.basis {
        case .workload(let tasks):
            self.tasks = tasks.map {
                Task(name: $0.name, volume: $0.volume.exactDecimal(), standardMinutes: $0.standardMinutes.exactDecimal(),
                     workloadMinutes: $0.workloadMinutes.exactDecimal())
            }
        case .ratio(let driver):
            ratio = Ratio(driver: driver.driver, population: driver.need.population, perPerson: driver.need.ratio.exactDecimal())
        }
        state = a.state; notes = a.notes; approvedNeed = a.approvedNeed
        figures = try NeedsFigures(basis: a.basis, settings: settings, currentStaff: record.slot.currentStaff)
        createdBy = a.createdBy; createdAt = a.createdAt; submittedBy = a.submittedBy; submittedAt = a.submittedAt
        decidedBy = a.decidedBy; decidedAt = a.decidedAt; version = a.version
    }
}

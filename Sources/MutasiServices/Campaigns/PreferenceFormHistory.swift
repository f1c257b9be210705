import Foundation
import MutasiDomain
import MutasiRepositories

/// The history of a preference form: every version stored, newest first, for the employee who
/// filed it and for those who may read the form (as `get`).
extension PreferenceFormService {
    /// The acting employee's own versions (404 `form.not_found` before the first filing).
    public func myVersions(actor: Principal, tenantID: UUID, campaignID: UUID,
                           page: PageRequest) async throws -> Page<PreferenceFormVersion> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            let (campaign, employee) = try await Self.ownCampaign(tx, actor, tenantID: tenantID, campaignID: campaignID)
            guard try await tx.campaigns.form(tenantID: tenantID, campaignID: campaign.id, employeeID: employee.id,
                                              lock: false) != nil else { throw Self.notFound }
            return try await tx.campaigns.formVersions(tenantID: tenantID, campaignID: campaign.id, employeeID: employee.id, page)
        }
    }

    /// An employee's versions, for staff who may read that form.
    public func versions(actor: Principal, tenantID: UUID, campaignID: UUID, employeeID: UUID,
                         page: PageRequest) async throws -> Page<PreferenceFormVersion> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.staff) { tx, _ in
            let campaign = try await CampaignService.visible(tx, actor, tenantID: tenantID, id: campaignID, lock: false)
            guard let form = try await tx.campaigns.form(tenantID: tenantID, campaignID: campaign.id, employeeID: employeeID, lock: false),
                  WorkforceAccess.canRead(actor, agencyID: form.agencyID) else { throw Self.notFound }
            return try await tx.campaigns.formVersions(tenantID: tenantID, campaignID: campaign.id, employeeID: employeeID, page)
        }
    }
}

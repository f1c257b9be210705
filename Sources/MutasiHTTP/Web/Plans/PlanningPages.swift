import Hummingbird
import MutasiServices

/// The pages of campaigns, plans and their decrees, registered together behind sign-in.
struct PlanningPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        CampaignPages(services: services).register(signedIn)
        PlanPages(services: services).register(signedIn)
        DecreePages(services: services).register(signedIn)
    }
}

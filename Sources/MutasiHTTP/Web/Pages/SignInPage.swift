/// `/masuk`: the sign-in form (tenant code, username, password).
enum SignInPage {
    static func render(csrf: String, tenant: String = "", username: String = "", error: String? = nil) -> HTML {
        let alert: HTML = error.map { "<div class=\"alert\" role=\"alert\" id=\"galat\">\($0)</div>" } ?? .empty
        let described: HTML = error == nil ? "" : " aria-describedby=\"galat\""
        let body: HTML = """
            <div class="card signin">
            <h1>Masuk ke Mutasi</h1>
            \(alert)
            <form method="post" action="/masuk"\(described)>
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            <div class="field">
            <label for="tenant">Kode instansi daerah</label>
            <span class="hint" id="tenant-hint">Misalnya kota-kupang. Kosongkan untuk admin platform dan BKN.</span>
            <input id="tenant" name="tenant" type="text" value="\(tenant)" autocomplete="organization" autocapitalize="none" spellcheck="false" aria-describedby="tenant-hint">
            </div>
            <div class="field">
            <label for="username">Nama pengguna</label>
            <input id="username" name="username" type="text" value="\(username)" autocomplete="username" autocapitalize="none" spellcheck="false" required>
            </div>
            <div class="field">
            <label for="password">Kata sandi</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            </div>
            <button class="button" type="submit">Masuk</button>
            </form>
            </div>
            """
        return Layout.page(title: "Masuk", principal: nil, csrf: nil, body: body)
    }
}

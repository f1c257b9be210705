# Sourced by scripts/test and .ci/run: the decree PDF renderer (headless Chromium) and the tool
# the tests read PDFs back with (pdftotext), installed from the system packages when missing.

pdf_tools_ensure_installed() {
    if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
        || ! command -v pdftotext >/dev/null 2>&1; then
        echo "==> Installing the decree PDF renderer (apt-get install chromium poppler-utils)"
        if [ "$(id -u)" -ne 0 ]; then
            echo "chromium or pdftotext is missing; run as root or install them: apt-get install -y chromium poppler-utils" >&2
            return 1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils >/dev/null
    fi
}

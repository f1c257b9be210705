# Sourced by Tests/browser/run.sh and Tests/schemathesis/run.sh: headless Chromium and its driver
# from the system packages, and Selenium (or schemathesis) from PyPI in a virtual environment
# under .build/, each installed when missing.

browser_tools_ensure_installed() {
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
        || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
        echo "==> Installing the browser test's tools (apt-get install chromium chromium-driver python3-venv)"
        if [ "$(id -u)" -ne 0 ]; then
            echo "chromium, chromedriver or python3-venv is missing; run as root or install them: apt-get install -y chromium chromium-driver python3-venv" >&2
            return 1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver python3-venv >/dev/null
    fi
}

# selenium_ensure_installed VENV: a virtual environment at VENV with Selenium in it.
selenium_ensure_installed() {
    local venv=$1
    if ! "$venv/bin/python" -c 'import selenium' >/dev/null 2>&1; then
        echo "==> Installing Selenium into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check 'selenium>=4.15,<5'
    fi
}

# schemathesis_ensure_installed VENV: a virtual environment at VENV with schemathesis, pinned so
# its checks and generated data stay the same from run to run.
schemathesis_ensure_installed() {
    local venv=$1 version=4.32.5
    if ! "$venv/bin/st" --version 2>/dev/null | grep -qx "st, version $version"; then
        echo "==> Installing schemathesis $version into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$version"
    fi
}

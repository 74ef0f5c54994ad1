#!/usr/bin/env bash
# Render page 1 of an exported .docx to PNG, to look at the layout without Word.
# Run on demand, not in CI (it may install LibreOffice, ~300 MB).
#
#   scripts/preview_docx.sh [report.docx]       # default: export seed 003 first
#
# Prints the PNG's path. Fonts such as 仿宋_GB2312 fall back to Noto CJK here; the
# layout (margins, line grid, indents, heading weights, page number) is what to check.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/drafter-preview.XXXXXX")"

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
    echo "安装 LibreOffice Writer、poppler-utils 和 Noto CJK 字体……" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
        libreoffice-writer poppler-utils fonts-noto-cjk >&2
fi

if [ $# -ge 1 ]; then
    docx="$1"
else
    seed="$repo/../shared/seeds/003_42ae1e7b23a160c2.txt"
    docx="$work/seed003.docx"
    python -m drafter export "$seed" --docx "$docx" >&2
fi
[ -f "$docx" ] || { echo "找不到文件：$docx" >&2; exit 1; }

# Without the official fonts everything would fall back to one sans face; map the serif
# faces (仿宋, 楷体, 小标宋, 宋体) to Noto Serif CJK and 黑体 to Noto Sans CJK so the
# preview still tells headings from body text.
cat >"$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
XML

# A private profile, so a running LibreOffice or a first-start dialog cannot block us.
FONTCONFIG_FILE="$work/fonts.conf" soffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to pdf --outdir "$work" "$docx" >&2
pdf="$work/$(basename "${docx%.*}").pdf"
[ -f "$pdf" ] || { echo "LibreOffice 未能生成 PDF：$pdf" >&2; exit 1; }

pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$work/page1"
echo "$work/page1.png"

// Formatting of sizes, rates and durations for every view (binary units, as qBittorrent shows them).
#include "model/format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <cmath>

namespace shoal::gui {

namespace {
// lupdate files these tr() calls under the enclosing namespace's context, so that is where they are looked up.
QString tr(const char* text) { return QCoreApplication::translate("shoal::gui", text); }
}  // namespace

QString formatSize(std::int64_t bytes) {
    static const char* const units[] = {QT_TRANSLATE_NOOP("shoal::gui::Format", "B"),
                                        QT_TRANSLATE_NOOP("shoal::gui::Format", "KiB"),
                                        QT_TRANSLATE_NOOP("shoal::gui::Format", "MiB"),
                                        QT_TRANSLATE_NOOP("shoal::gui::Format", "GiB"),
                                        QT_TRANSLATE_NOOP("shoal::gui::Format", "TiB")};
    auto unitName = [](const char* unit) { return QCoreApplication::translate("shoal::gui::Format", unit); };
    if (bytes < 1024) return QStringLiteral("%1 %2").arg(bytes).arg(unitName(units[0]));
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(QLocale().toString(value, 'f', value < 10 ? 2 : 1)).arg(unitName(units[unit]));
}

QString formatRate(std::int64_t bytesPerSecond) {
    if (bytesPerSecond <= 0) return {};
    return formatSize(bytesPerSecond) + tr("/s");
}

QString formatDuration(std::int64_t seconds) {
    if (seconds < 0) return QStringLiteral("∞");
    const std::int64_t d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60, s = seconds % 60;
    if (d > 99) return QStringLiteral("∞");
    if (d > 0) return tr("%1d %2h").arg(d).arg(h);
    if (h > 0) return tr("%1h %2m").arg(h).arg(m);
    if (m > 0) return tr("%1m %2s").arg(m).arg(s);
    return tr("%1s").arg(s);
}

QString formatRatio(double ratio) {
    if (!std::isfinite(ratio) || ratio > 9999) return QStringLiteral("∞");
    return QLocale().toString(ratio, 'f', 2);
}

QString formatDateTime(std::int64_t unixSeconds) {
    if (unixSeconds <= 0) return {};
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(unixSeconds), QLocale::ShortFormat);
}

QString stateName(TorrentState state) {
    switch (state) {
        case TorrentState::Stopped: return tr("Paused");
        case TorrentState::Completed: return tr("Completed");
        case TorrentState::QueuedForCheck: return tr("Queued for check");
        case TorrentState::Checking: return tr("Checking");
        case TorrentState::DownloadingMetadata: return tr("Fetching metadata");
        case TorrentState::QueuedForDownload: return tr("Queued");
        case TorrentState::Downloading: return tr("Downloading");
        case TorrentState::QueuedForSeed: return tr("Queued for seeding");
        case TorrentState::Seeding: return tr("Seeding");
        case TorrentState::Moving: return tr("Moving");
        case TorrentState::Errored: return tr("Error");
    }
    return {};
}

}  // namespace shoal::gui

// How the GUI writes sizes, rates, durations, dates and states: one place, so every view agrees.
#pragma once

#include <QString>
#include <cstdint>

#include "shoal/types.h"

namespace shoal::gui {

QString formatSize(std::int64_t bytes);          // "1.5 GiB", "512 B"
QString formatRate(std::int64_t bytesPerSecond);  // "1.2 MiB/s", "" for 0
QString formatDuration(std::int64_t seconds);     // "∞" for < 0, "3m 20s", "2d 4h"
QString formatRatio(double ratio);                // "1.23", "∞" for an infinite ratio
QString formatDateTime(std::int64_t unixSeconds);  // locale short format, "" for 0
QString stateName(TorrentState state);            // translated, e.g. "Downloading"

}  // namespace shoal::gui

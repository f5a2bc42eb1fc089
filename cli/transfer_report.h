// Reporting a torrent's transfer while `download` or `seed` runs: progress events and the progress bar.
#pragma once

#include "output.h"
#include "shoal/status.h"

namespace shoal::cli {

void reportProgress(Output& out, const TorrentStatus& s, bool force = false);
void reportSeeding(Output& out, const TorrentStatus& s);
nlohmann::json addedEvent(const TorrentStatus& s);

}  // namespace shoal::cli

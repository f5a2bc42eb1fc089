// /metrics: the session and every torrent as Prometheus text exposition (format 0.0.4).
#pragma once

#include <string>

#include "shoal/session.h"

namespace shoal::rpc {

std::string prometheusMetrics(const Session& session);

}  // namespace shoal::rpc

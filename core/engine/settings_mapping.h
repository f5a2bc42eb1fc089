// The one place where Shoal's Settings become libtorrent's settings_pack.
#pragma once

#include <libtorrent/ip_filter.hpp>
#include <libtorrent/settings_pack.hpp>

#include "shoal/settings.h"

namespace shoal::engine {

// `altSpeed`: the alternative limits are in force (see altSpeedActive()); the engine re-applies the pack
// when the schedule flips.
lt::settings_pack toSettingsPack(const Settings& settings, bool altSpeed = false);

// libtorrent exempts local-network peers (loopback included) from rate limits through its "local" peer
// class. Shoal's limits apply to every peer, so every address is put in the global class.
lt::ip_filter peerClassFilterForLimits();

}  // namespace shoal::engine

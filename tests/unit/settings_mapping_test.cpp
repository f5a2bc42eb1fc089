// Settings -> lt::settings_pack: the facts from docs/libtorrent-notes.md that the engine depends on.
#include <gtest/gtest.h>

#include <libtorrent/alert.hpp>
#include <libtorrent/session.hpp>

#include "engine/settings_mapping.h"

namespace shoal {
namespace {

using sp = lt::settings_pack;

TEST(SettingsMapping, AlertMaskCarriesStatusStorageTrackerAndErrors) {
    const auto pack = engine::toSettingsPack(Settings{});
    const auto mask = static_cast<std::uint32_t>(pack.get_int(sp::alert_mask));
    // piece_progress: a finished piece triggers the next tick's resume save (what a crash costs).
    for (auto category : {lt::alert_category::error, lt::alert_category::status, lt::alert_category::storage,
                          lt::alert_category::tracker, lt::alert_category::piece_progress}) {
        EXPECT_NE(mask & static_cast<std::uint32_t>(category), 0u);
    }
}

TEST(SettingsMapping, NetworkAndDiscoveryFollowTheSettings) {
    Settings s;
    s.listenInterfaces = "127.0.0.7:0";
    s.outgoingInterfaces = "127.0.0.7";
    s.enableUtp = false;
    s.enableDht = false;
    s.enableLsd = false;
    s.enableUpnp = false;
    s.dhtBootstrapNodes = {"127.0.0.2:6881", "127.0.0.3:6881"};
    s.dhtAnnounceIntervalSeconds = 7;
    s.encryption = EncryptionPolicy::Disable;
    s.downloadLimit = 2 << 20;
    s.uploadLimit = 1 << 20;
    const auto pack = engine::toSettingsPack(s);
    EXPECT_EQ(pack.get_str(sp::listen_interfaces), "127.0.0.7:0");
    EXPECT_EQ(pack.get_str(sp::outgoing_interfaces), "127.0.0.7");
    EXPECT_FALSE(pack.get_bool(sp::enable_outgoing_utp));
    EXPECT_FALSE(pack.get_bool(sp::enable_incoming_utp));
    EXPECT_TRUE(pack.get_bool(sp::enable_outgoing_tcp));
    EXPECT_FALSE(pack.get_bool(sp::enable_dht));
    EXPECT_FALSE(pack.get_bool(sp::enable_lsd));
    EXPECT_FALSE(pack.get_bool(sp::enable_upnp));
    EXPECT_FALSE(pack.get_bool(sp::enable_natpmp));
    EXPECT_EQ(pack.get_str(sp::dht_bootstrap_nodes), "127.0.0.2:6881,127.0.0.3:6881");
    EXPECT_EQ(pack.get_int(sp::dht_announce_interval), 7);
    EXPECT_EQ(pack.get_int(sp::out_enc_policy), sp::pe_disabled);
    EXPECT_EQ(pack.get_int(sp::in_enc_policy), sp::pe_disabled);
    EXPECT_EQ(pack.get_int(sp::download_rate_limit), 2 << 20);
    EXPECT_EQ(pack.get_int(sp::upload_rate_limit), 1 << 20);
}

// libtorrent tries uTP before TCP; a TCP-only peer then costs ~4 s. Shoal accepts uTP but dials TCP
// unless told to dial uTP too.
TEST(SettingsMapping, UtpIsAcceptedButNotDialledByDefault) {
    const auto byDefault = engine::toSettingsPack(Settings{});
    EXPECT_TRUE(byDefault.get_bool(sp::enable_incoming_utp));
    EXPECT_FALSE(byDefault.get_bool(sp::enable_outgoing_utp));
    EXPECT_TRUE(byDefault.get_bool(sp::enable_outgoing_tcp));
    Settings dial;
    dial.utpOutgoing = true;
    EXPECT_TRUE(engine::toSettingsPack(dial).get_bool(sp::enable_outgoing_utp));
}

TEST(SettingsMapping, QueueingOffMeansNoActiveLimits) {
    Settings s;
    s.queueingEnabled = false;
    const auto off = engine::toSettingsPack(s);
    EXPECT_EQ(off.get_int(sp::active_downloads), -1);
    EXPECT_EQ(off.get_int(sp::active_seeds), -1);
    s.queueingEnabled = true;
    s.activeDownloads = 2;
    s.activeSeeds = 4;
    const auto on = engine::toSettingsPack(s);
    EXPECT_EQ(on.get_int(sp::active_downloads), 2);
    EXPECT_EQ(on.get_int(sp::active_seeds), 4);
}

TEST(SettingsMapping, IdentityIsShoals) {
    const auto pack = engine::toSettingsPack(Settings{});
    EXPECT_EQ(pack.get_str(sp::peer_fingerprint), "-SH0100-");
    EXPECT_EQ(pack.get_str(sp::user_agent), "Shoal/0.1.0");
}

// libtorrent puts LAN and loopback peers in a class without rate limits; Shoal's limits apply to all.
TEST(SettingsMapping, RateLimitsApplyToLocalPeers) {
    const auto filter = engine::peerClassFilterForLimits();
    const std::uint32_t global = 1u << static_cast<std::uint32_t>(lt::session::global_peer_class_id);
    for (const char* ip : {"127.0.0.1", "192.168.1.10", "10.0.0.1", "8.8.8.8", "::1"}) {
        EXPECT_EQ(filter.access(lt::make_address(ip)), global) << ip;
    }
}

}  // namespace
}  // namespace shoal

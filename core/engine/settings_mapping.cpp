// Settings -> lt::settings_pack. Every engine tuning choice is here, with the measurement behind it in
// docs/libtorrent-notes.md (facts about libtorrent 2.0.8 on loopback).
#include "engine/settings_mapping.h"

#include <libtorrent/alert.hpp>
#include <libtorrent/address.hpp>
#include <libtorrent/session.hpp>

#include <string>

namespace shoal::engine {
namespace {

std::string joinNodes(const std::vector<std::string>& nodes) {
    std::string out;
    for (const auto& node : nodes) {
        if (!out.empty()) out += ',';
        out += node;
    }
    return out;
}

int encryptionPolicy(EncryptionPolicy policy) {
    switch (policy) {
        case EncryptionPolicy::Require: return lt::settings_pack::pe_forced;
        case EncryptionPolicy::Disable: return lt::settings_pack::pe_disabled;
        case EncryptionPolicy::Prefer: break;
    }
    return lt::settings_pack::pe_enabled;
}

}  // namespace

lt::settings_pack toSettingsPack(const Settings& s, bool altSpeed) {
    lt::settings_pack p;
    using sp = lt::settings_pack;

    // The default mask is errors only: no finished, metadata, listen or state alerts (notes: Alerts).
    p.set_int(sp::alert_mask, static_cast<int>(lt::alert_category::error | lt::alert_category::status |
                                               lt::alert_category::storage | lt::alert_category::tracker |
                                               lt::alert_category::file_progress | lt::alert_category::peer |
                                               lt::alert_category::piece_progress));
    p.set_int(sp::alert_queue_size, s.alertQueueSize);

    p.set_str(sp::listen_interfaces, s.listenInterfaces);
    // Without this, connections leave from 127.0.0.1 whatever the listen address, and peers of a local
    // swarm that all look like 127.0.0.1 are refused one after another.
    p.set_str(sp::outgoing_interfaces, s.outgoingInterfaces);
    p.set_bool(sp::allow_multiple_connections_per_ip, s.allowMultipleConnectionsPerIp);
    p.set_int(sp::connections_limit, s.connectionsLimit);

    // uTP on loopback ran at ~13 MB/s against ~250 MB/s for TCP; keep it for the internet but let the user
    // (and local swarms) turn it off.
    p.set_bool(sp::enable_outgoing_tcp, s.enableTcp);
    p.set_bool(sp::enable_incoming_tcp, s.enableTcp);
    p.set_bool(sp::enable_outgoing_utp, s.enableUtp && s.utpOutgoing);
    p.set_bool(sp::enable_incoming_utp, s.enableUtp);
    // A TCP attempt must never wait on a failed uTP one: try TCP in parallel instead of falling back.
    p.set_int(sp::mixed_mode_algorithm, sp::peer_proportional);

    const int enc = encryptionPolicy(s.encryption);
    p.set_int(sp::out_enc_policy, enc);
    p.set_int(sp::in_enc_policy, enc);
    p.set_int(sp::allowed_enc_level, sp::pe_both);

    p.set_bool(sp::enable_dht, s.enableDht);
    p.set_str(sp::dht_bootstrap_nodes, joinNodes(s.dhtBootstrapNodes));
    p.set_int(sp::dht_announce_interval, s.dhtAnnounceIntervalSeconds);
    p.set_bool(sp::enable_lsd, s.enableLsd);
    p.set_bool(sp::enable_upnp, s.enableUpnp);
    p.set_bool(sp::enable_natpmp, s.enableUpnp);
    p.set_bool(sp::announce_to_all_trackers, s.announceToAllTrackers);
    p.set_bool(sp::announce_to_all_tiers, true);

    p.set_int(sp::download_rate_limit, altSpeed ? s.altDownloadLimit : s.downloadLimit);
    p.set_int(sp::upload_rate_limit, altSpeed ? s.altUploadLimit : s.uploadLimit);

    // Queueing: -1 is libtorrent's "no limit".
    p.set_int(sp::active_downloads, s.queueingEnabled ? s.activeDownloads : -1);
    p.set_int(sp::active_seeds, s.queueingEnabled ? s.activeSeeds : -1);
    p.set_int(sp::active_limit, s.queueingEnabled ? s.activeLimit : -1);
    p.set_int(sp::active_checking, 1);
    // A torrent un-paused for checking keeps running after its check until the queue is looked at again
    // (libtorrent 2.0.8: every auto_manage_interval, 30 s by default). Look every 2 s so the limits hold.
    p.set_int(sp::auto_manage_interval, 2);
    // Idle torrents still count against the limits, as users of qBittorrent/Transmission expect.
    p.set_bool(sp::dont_count_slow_torrents, false);

    // Disk and hashing: best loopback throughput came with these (notes: Transport speed).
    p.set_int(sp::aio_threads, s.aioThreads);
    p.set_int(sp::hashing_threads, s.hashingThreads);
    p.set_int(sp::max_queued_disk_bytes, s.maxQueuedDiskBytes);
    p.set_int(sp::send_buffer_watermark, 4 * 1024 * 1024);
    p.set_int(sp::send_buffer_low_watermark, 1024 * 1024);
    p.set_int(sp::send_buffer_watermark_factor, 150);

    p.set_str(sp::peer_fingerprint, s.peerFingerprint);
    p.set_str(sp::user_agent, s.userAgent);
    p.set_str(sp::handshake_client_version, s.userAgent);
    return p;
}

lt::ip_filter peerClassFilterForLimits() {
    lt::ip_filter filter;
    const std::uint32_t global = 1u << static_cast<std::uint32_t>(lt::session::global_peer_class_id);
    filter.add_rule(lt::make_address("0.0.0.0"), lt::make_address("255.255.255.255"), global);
    filter.add_rule(lt::make_address("::"), lt::make_address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), global);
    return filter;
}

}  // namespace shoal::engine

// Core value types known to Qt's meta-type system: queued signals, QVariant and QSignalSpy carry them.
#pragma once

#include <QMetaType>
#include <memory>
#include <vector>

#include "shoal/session.h"

Q_DECLARE_METATYPE(shoal::TorrentStatus)
Q_DECLARE_METATYPE(shoal::TorrentDetails)
Q_DECLARE_METATYPE(shoal::Event)
Q_DECLARE_METATYPE(shoal::SessionTotals)
Q_DECLARE_METATYPE(std::vector<shoal::TorrentStatus>)
Q_DECLARE_METATYPE(std::vector<shoal::TorrentId>)
Q_DECLARE_METATYPE(std::shared_ptr<shoal::Session>)

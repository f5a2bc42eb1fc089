// Preferences: the four pages, Settings <-> form, and applying through the bridge.
#include "dialogs/preferences_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QVBoxLayout>
#include <climits>

namespace shoal::gui {

namespace {
constexpr int kKiB = 1024;

QSpinBox* rateSpin() {
    auto* spin = new QSpinBox;
    spin->setRange(0, INT_MAX / kKiB);
    spin->setSuffix(QStringLiteral(" ") + PreferencesDialog::tr("KiB/s"));
    spin->setSpecialValueText(PreferencesDialog::tr("Unlimited"));
    return spin;
}

QSpinBox* countSpin(int min, int max) {
    auto* spin = new QSpinBox;
    spin->setRange(min, max);
    return spin;
}

// A line edit with a "Browse…" button that picks a folder.
QWidget* folderRow(QLineEdit* edit, QWidget* dialog) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QPushButton(PreferencesDialog::tr("Browse…"));
    QObject::connect(browse, &QPushButton::clicked, dialog, [edit, dialog] {
        const QString dir =
            QFileDialog::getExistingDirectory(dialog, PreferencesDialog::tr("Choose a folder"), edit->text());
        if (!dir.isEmpty()) edit->setText(dir);
    });
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

QTime timeOfMinute(int minute) { return QTime(minute / 60 % 24, minute % 60); }
int minuteOfTime(QTime t) { return t.hour() * 60 + t.minute(); }
}  // namespace

int listenPort(const std::string& listenInterfaces) {
    static const QRegularExpression entry(QStringLiteral("^\\s*(.*):(\\d+)s?\\s*$"));
    const QString first = QString::fromStdString(listenInterfaces).section(QLatin1Char(','), 0, 0);
    const auto match = entry.match(first);
    return match.hasMatch() ? match.captured(2).toInt() : -1;
}

std::string withListenPort(const std::string& listenInterfaces, int port) {
    static const QRegularExpression entry(QStringLiteral("^\\s*(.*):(\\d+)(s?)\\s*$"));
    QStringList out;
    for (const QString& part :
         QString::fromStdString(listenInterfaces).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto match = entry.match(part);
        if (match.hasMatch())
            out << QStringLiteral("%1:%2%3").arg(match.captured(1)).arg(port).arg(match.captured(3));
    }
    if (out.isEmpty()) out << QStringLiteral("0.0.0.0:%1").arg(port) << QStringLiteral("[::]:%1").arg(port);
    return out.join(QLatin1Char(',')).toStdString();
}

PreferencesDialog::PreferencesDialog(SessionBridge& bridge, QWidget* parent)
    : QDialog(parent), bridge_(bridge) {
    setWindowTitle(tr("Preferences"));
    tabs_ = new QTabWidget;
    tabs_->addTab(buildDownloadsPage(), tr("Downloads"));
    tabs_->addTab(buildConnectionPage(), tr("Connection"));
    tabs_->addTab(buildSpeedPage(), tr("Speed"));
    tabs_->addTab(buildBitTorrentPage(), tr("BitTorrent"));

    errorLabel_ = new QLabel;
    errorLabel_->setStyleSheet(QStringLiteral("color: #c01c28"));
    errorLabel_->setWordWrap(true);
    errorLabel_->hide();
    buttons_ =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
    connect(buttons_, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { apply(); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs_, 1);
    layout->addWidget(errorLabel_);
    layout->addWidget(buttons_);

    connect(&bridge_, &SessionBridge::settingsApplied, this, [this] {
        if (!pending_) return;
        pending_ = false;
        loaded_ = bridge_.settings();  // what was just applied
        Q_EMIT applied();
        if (closeWhenApplied_) QDialog::accept();
    });
    connect(&bridge_, &SessionBridge::commandFailed, this,
            [this](const QString& what, const QString& message) {
                if (!pending_ || what != SessionBridge::tr("Preferences")) return;
                pending_ = false;
                closeWhenApplied_ = false;
                showError(message);
            });
    // The bridge's copy: a remote session's settings come over HTTP, which must not block the GUI.
    load(bridge_.settings());
}

QWidget* PreferencesDialog::buildDownloadsPage() {
    defaultPath_ = new QLineEdit;
    defaultPath_->setObjectName(QStringLiteral("defaultSavePath"));  // object names: for tests and styling
    defaultPath_->setPlaceholderText(tr("Your Downloads folder"));
    incompletePath_ = new QLineEdit;
    useIncomplete_ = new QGroupBox(tr("Keep incomplete torrents in:"));
    useIncomplete_->setCheckable(true);
    auto* incomplete = new QVBoxLayout(useIncomplete_);
    incomplete->addWidget(folderRow(incompletePath_, this));
    incomplete->addWidget(new QLabel(tr("Finished torrents move to their save path.")));

    auto* page = new QWidget;
    auto* form = new QFormLayout;
    form->addRow(tr("Default save path:"), folderRow(defaultPath_, this));
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(useIncomplete_);
    layout->addStretch();
    return page;
}

QWidget* PreferencesDialog::buildConnectionPage() {
    port_ = countSpin(0, 65535);
    port_->setSpecialValueText(tr("Random"));
    connections_ = countSpin(2, 65535);
    encryption_ = new QComboBox;
    encryption_->addItem(tr("Prefer encryption"), static_cast<int>(EncryptionPolicy::Prefer));
    encryption_->addItem(tr("Require encryption"), static_cast<int>(EncryptionPolicy::Require));
    encryption_->addItem(tr("Disable encryption"), static_cast<int>(EncryptionPolicy::Disable));
    upnp_ = new QCheckBox(tr("Use UPnP / NAT-PMP port forwarding from my router"));

    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->addRow(tr("Listening port:"), port_);
    form->addRow(QString(), upnp_);
    form->addRow(tr("Global maximum connections:"), connections_);
    form->addRow(tr("Encryption:"), encryption_);
    return page;
}

QWidget* PreferencesDialog::buildSpeedPage() {
    down_ = rateSpin();
    up_ = rateSpin();
    auto* global = new QGroupBox(tr("Global rate limits"));
    auto* globalForm = new QFormLayout(global);
    globalForm->addRow(tr("Download:"), down_);
    globalForm->addRow(tr("Upload:"), up_);

    altDown_ = rateSpin();
    altDown_->setObjectName(QStringLiteral("altDownloadLimit"));
    altUp_ = rateSpin();
    altEnabled_ = new QCheckBox(tr("Use the alternative limits now"));
    auto* alt = new QGroupBox(tr("Alternative rate limits"));
    auto* altForm = new QFormLayout(alt);
    altForm->addRow(tr("Download:"), altDown_);
    altForm->addRow(tr("Upload:"), altUp_);
    altForm->addRow(QString(), altEnabled_);

    altFrom_ = new QTimeEdit;
    altTo_ = new QTimeEdit;
    altFrom_->setDisplayFormat(QStringLiteral("HH:mm"));
    altTo_->setDisplayFormat(QStringLiteral("HH:mm"));
    auto* times = new QHBoxLayout;
    times->addWidget(altFrom_);
    times->addWidget(new QLabel(tr("to")));
    times->addWidget(altTo_);
    times->addStretch();
    auto* days = new QHBoxLayout;
    // Shown from the locale's first day of the week; stored by Settings' bit (0 Sunday .. 6 Saturday).
    const int first = static_cast<int>(QLocale().firstDayOfWeek());  // Qt: 1 Monday .. 7 Sunday
    for (int i = 0; i < 7; ++i) {
        const int qtDay = (first - 1 + i) % 7 + 1;
        const int bit = qtDay % 7;
        days_[bit] = new QCheckBox(QLocale().standaloneDayName(qtDay, QLocale::ShortFormat));
        days->addWidget(days_[bit]);
    }
    days->addStretch();
    altScheduled_ = new QGroupBox(tr("Schedule the alternative limits"));
    altScheduled_->setCheckable(true);
    auto* scheduleForm = new QFormLayout(altScheduled_);
    scheduleForm->addRow(tr("From:"), times);
    scheduleForm->addRow(tr("On:"), days);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(global);
    layout->addWidget(alt);
    layout->addWidget(altScheduled_);
    layout->addStretch();
    return page;
}

QWidget* PreferencesDialog::buildBitTorrentPage() {
    dht_ = new QCheckBox(tr("Enable DHT (decentralized network) to find more peers"));
    pex_ = new QCheckBox(tr("Enable Peer Exchange (PeX) to find more peers"));
    lsd_ = new QCheckBox(tr("Enable Local Peer Discovery to find more peers"));
    auto* privacy = new QGroupBox(tr("Peer discovery"));
    auto* privacyLayout = new QVBoxLayout(privacy);
    privacyLayout->addWidget(dht_);
    privacyLayout->addWidget(pex_);
    privacyLayout->addWidget(lsd_);

    activeDownloads_ = countSpin(0, 100000);
    activeSeeds_ = countSpin(0, 100000);
    activeLimit_ = countSpin(0, 100000);
    queueing_ = new QGroupBox(tr("Torrent queueing"));
    queueing_->setCheckable(true);
    auto* queueForm = new QFormLayout(queueing_);
    queueForm->addRow(tr("Maximum active downloads:"), activeDownloads_);
    queueForm->addRow(tr("Maximum active uploads:"), activeSeeds_);
    queueForm->addRow(tr("Maximum active torrents:"), activeLimit_);

    ratioEnabled_ = new QCheckBox(tr("When ratio reaches"));
    ratio_ = new QDoubleSpinBox;
    ratio_->setRange(0, 9999);
    ratio_->setDecimals(2);
    ratio_->setSingleStep(0.1);
    seedTimeEnabled_ = new QCheckBox(tr("When seeding time reaches"));
    seedMinutes_ = countSpin(1, 525600);
    seedMinutes_->setSuffix(QStringLiteral(" ") + tr("min"));
    connect(ratioEnabled_, &QCheckBox::toggled, ratio_, &QWidget::setEnabled);
    connect(seedTimeEnabled_, &QCheckBox::toggled, seedMinutes_, &QWidget::setEnabled);
    auto* goals = new QGroupBox(tr("Seeding limits (then stop the torrent)"));
    auto* goalsForm = new QFormLayout(goals);
    goalsForm->addRow(ratioEnabled_, ratio_);
    goalsForm->addRow(seedTimeEnabled_, seedMinutes_);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(privacy);
    layout->addWidget(queueing_);
    layout->addWidget(goals);
    layout->addStretch();
    return page;
}

void PreferencesDialog::load(const Settings& s) {
    loaded_ = s;
    defaultPath_->setText(QString::fromStdString(s.defaultSavePath));
    useIncomplete_->setChecked(!s.incompleteSavePath.empty());
    incompletePath_->setText(QString::fromStdString(s.incompleteSavePath));

    port_->setValue(std::max(0, listenPort(s.listenInterfaces)));
    connections_->setValue(s.connectionsLimit);
    encryption_->setCurrentIndex(encryption_->findData(static_cast<int>(s.encryption)));
    upnp_->setChecked(s.enableUpnp);

    down_->setValue(s.downloadLimit / kKiB);
    up_->setValue(s.uploadLimit / kKiB);
    altDown_->setValue(s.altDownloadLimit / kKiB);
    altUp_->setValue(s.altUploadLimit / kKiB);
    altEnabled_->setChecked(s.altSpeedEnabled);
    altScheduled_->setChecked(s.altSpeedScheduled);
    altFrom_->setTime(timeOfMinute(s.altSpeedBeginMinute));
    altTo_->setTime(timeOfMinute(s.altSpeedEndMinute));
    for (int bit = 0; bit < 7; ++bit) days_[bit]->setChecked((s.altSpeedDays & (1 << bit)) != 0);

    dht_->setChecked(s.enableDht);
    pex_->setChecked(s.enablePex);
    lsd_->setChecked(s.enableLsd);
    queueing_->setChecked(s.queueingEnabled);
    activeDownloads_->setValue(s.activeDownloads);
    activeSeeds_->setValue(s.activeSeeds);
    activeLimit_->setValue(s.activeLimit);
    ratioEnabled_->setChecked(s.seedRatioGoal.has_value());
    ratio_->setValue(s.seedRatioGoal.value_or(2.0));
    ratio_->setEnabled(s.seedRatioGoal.has_value());
    seedTimeEnabled_->setChecked(s.seedTimeGoalSeconds.has_value());
    seedMinutes_->setValue(static_cast<int>(s.seedTimeGoalSeconds.value_or(24 * 3600) / 60));
    seedMinutes_->setEnabled(s.seedTimeGoalSeconds.has_value());
    errorLabel_->hide();
}

Settings PreferencesDialog::collect() const {
    Settings s = loaded_;
    s.defaultSavePath = defaultPath_->text().trimmed().toStdString();
    s.incompleteSavePath = useIncomplete_->isChecked() ? incompletePath_->text().trimmed().toStdString() : "";

    // An unchanged port keeps the loaded string as it is (it may name specific addresses).
    if (port_->value() != std::max(0, listenPort(loaded_.listenInterfaces))) {
        s.listenInterfaces = withListenPort(loaded_.listenInterfaces, port_->value());
    }
    s.connectionsLimit = connections_->value();
    s.encryption = static_cast<EncryptionPolicy>(encryption_->currentData().toInt());
    s.enableUpnp = upnp_->isChecked();

    s.downloadLimit = down_->value() * kKiB;
    s.uploadLimit = up_->value() * kKiB;
    s.altDownloadLimit = altDown_->value() * kKiB;
    s.altUploadLimit = altUp_->value() * kKiB;
    s.altSpeedEnabled = altEnabled_->isChecked();
    s.altSpeedScheduled = altScheduled_->isChecked();
    s.altSpeedBeginMinute = minuteOfTime(altFrom_->time());
    s.altSpeedEndMinute = minuteOfTime(altTo_->time());
    s.altSpeedDays = 0;
    for (int bit = 0; bit < 7; ++bit) s.altSpeedDays |= days_[bit]->isChecked() ? (1 << bit) : 0;

    s.enableDht = dht_->isChecked();
    s.enablePex = pex_->isChecked();
    s.enableLsd = lsd_->isChecked();
    s.queueingEnabled = queueing_->isChecked();
    s.activeDownloads = activeDownloads_->value();
    s.activeSeeds = activeSeeds_->value();
    s.activeLimit = activeLimit_->value();
    s.seedRatioGoal = ratioEnabled_->isChecked() ? std::optional<double>(ratio_->value()) : std::nullopt;
    s.seedTimeGoalSeconds = seedTimeEnabled_->isChecked()
                                ? std::optional<std::int64_t>(std::int64_t{seedMinutes_->value()} * 60)
                                : std::nullopt;
    return s;
}

bool PreferencesDialog::apply() {
    const Settings settings = collect();
    if (auto valid = validate(settings); !valid) {
        showError(QString::fromStdString(valid.error().message));
        return false;
    }
    errorLabel_->hide();
    if (!bridge_.attached()) return false;
    pending_ = true;
    bridge_.applySettings(settings);
    return true;
}

void PreferencesDialog::accept() {
    if (pending_) {
        closeWhenApplied_ = true;
        return;
    }
    if (collect() == loaded_) {
        QDialog::accept();  // nothing changed: nothing to send
        return;
    }
    closeWhenApplied_ = apply();
}

QString PreferencesDialog::errorText() const {
    return !errorLabel_->isHidden() ? errorLabel_->text() : QString();
}

void PreferencesDialog::showError(const QString& message) {
    errorLabel_->setText(message);
    errorLabel_->show();
}

}  // namespace shoal::gui

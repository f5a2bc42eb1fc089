// File > Connect to Daemon: the daemon's RPC address and optional credentials. The address is
// remembered (QSettings, UI state); the password is not.
#pragma once

#include <QDialog>

class QLineEdit;

namespace shoal::gui {

class ConnectDaemonDialog : public QDialog {
    Q_OBJECT

public:
    explicit ConnectDaemonDialog(QWidget* parent = nullptr);
    QString url() const;
    QString username() const;
    QString password() const;
    void setUrl(const QString& url);
    void setCredentials(const QString& user, const QString& password);

    void accept() override;  // remembers the address

private:
    QLineEdit* url_;
    QLineEdit* user_;
    QLineEdit* password_;
};

}  // namespace shoal::gui

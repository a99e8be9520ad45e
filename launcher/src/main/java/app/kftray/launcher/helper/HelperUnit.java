package app.kftray.launcher.helper;

import java.nio.file.Path;

/** The systemd system unit that runs the helper as root, with what it does not need taken away. */
final class HelperUnit {
    private HelperUnit() {
    }

    /**
     * @param java the Java runtime's {@code java} command (root-owned)
     * @return the unit file's text
     */
    static String text(Path java) {
        return String.join("\n",
                "[Unit]",
                "Description=kftray helper: hosts-file aliases, loopback addresses and low ports for kftray users",
                "After=local-fs.target",
                "",
                "[Service]",
                "Type=simple",
                "ExecStart=" + java + " -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + HelperFiles.JAR
                        + " --config " + HelperFiles.CONFIG,
                "Restart=on-failure",
                "RuntimeDirectory=kftray-helper",
                "RuntimeDirectoryMode=0755",
                "StateDirectory=kftray-helper",
                "StateDirectoryMode=0700",
                "UMask=0022",
                "NoNewPrivileges=yes",
                "PrivateTmp=yes",
                "ProtectHome=yes",
                "ProtectKernelTunables=yes",
                "ProtectKernelModules=yes",
                "ProtectControlGroups=yes",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
                "CapabilityBoundingSet=CAP_NET_BIND_SERVICE CAP_NET_ADMIN CAP_DAC_OVERRIDE CAP_CHOWN CAP_FOWNER",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "");
    }
}

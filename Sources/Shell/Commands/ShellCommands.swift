internal import Kernel

/// The shell's own commands, registered statically: the built-ins, search, tenants and
/// people, imports, exports and import jobs, adoptions.
enum ShellCommands {
    static func all(_ registry: PluginRegistry) -> [any Command] {
        let builtins: [any Command] = [
            UseCommand(), TenantsCommand(), HelpCommand(), TransactionCommand(step: .begin),
            TransactionCommand(step: .commit), TransactionCommand(step: .rollback), SQLCommand(), AuditCommand(),
            SettingCommand(setting: .timing), SettingCommand(setting: .pager), ExitCommand(verb: "exit"),
            ExitCommand(verb: "quit"), SearchCommand(registry: registry),
        ]
        let administration: [any Command] = [
            UserListCommand(), UserCreateCommand(), UserGrantCommand(), UserRevokeCommand(), UserDisableCommand(),
            UserAdminCommand(), TenantListCommand(), TenantCreateCommand(), TenantRenameCommand(),
            TenantConfigureCommand(), TenantArchiveCommand(),
        ]
        let transfer: [any Command] = [ImportCommand(), JobListCommand(), JobResumeCommand(), ExportCommand()]
        let adoption: [any Command] = [
            AdoptionListCommand(), AdoptionOutdatedCommand(), AdoptionResolveCommand(resets: false),
            AdoptionResolveCommand(resets: true),
        ]
        return builtins + administration + transfer + adoption
    }
}

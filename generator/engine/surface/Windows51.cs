namespace RemgenEngineSurface;

/// <summary>What Windows PowerShell 5.1 itself contributes to type resolution, beyond the assemblies.</summary>
internal static class Windows51
{
    /// <summary>
    /// Windows PowerShell 5.1's type accelerators, name to (type, assembly): the table
    /// <c>[psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get</c> returns on
    /// Windows 10 1809 (5.1.17763), as PSScriptAnalyzer's compatibility profile records it
    /// (windows-powershell-5.1.json (docs/reference/README.md), "typeAccelerators"; spec/lint/dotnet-surface.spec.ts
    /// compares this table with that file when it is there). 94 entries. PowerShell 7 added more
    /// (short, ushort, uint, ulong, semver, ...): those are not here, on purpose. <c>[ordered]</c> is not an
    /// accelerator but syntax (the parser turns <c>[ordered]@{}</c> into an OrderedDictionary).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Type, string Assembly)> Accelerators =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["Alias"] = ("System.Management.Automation.AliasAttribute", "System.Management.Automation"),
            ["AllowEmptyCollection"] = ("System.Management.Automation.AllowEmptyCollectionAttribute", "System.Management.Automation"),
            ["AllowEmptyString"] = ("System.Management.Automation.AllowEmptyStringAttribute", "System.Management.Automation"),
            ["AllowNull"] = ("System.Management.Automation.AllowNullAttribute", "System.Management.Automation"),
            ["ArgumentCompleter"] = ("System.Management.Automation.ArgumentCompleterAttribute", "System.Management.Automation"),
            ["CimSession"] = ("Microsoft.Management.Infrastructure.CimSession", "Microsoft.Management.Infrastructure"),
            ["CmdletBinding"] = ("System.Management.Automation.CmdletBindingAttribute", "System.Management.Automation"),
            ["DscLocalConfigurationManager"] = ("System.Management.Automation.DscLocalConfigurationManagerAttribute", "System.Management.Automation"),
            ["DscProperty"] = ("System.Management.Automation.DscPropertyAttribute", "System.Management.Automation"),
            ["DscResource"] = ("System.Management.Automation.DscResourceAttribute", "System.Management.Automation"),
            ["IPEndpoint"] = ("System.Net.IPEndPoint", "System"),
            ["NullString"] = ("System.Management.Automation.Language.NullString", "System.Management.Automation"),
            ["ObjectSecurity"] = ("System.Security.AccessControl.ObjectSecurity", "mscorlib"),
            ["OutputType"] = ("System.Management.Automation.OutputTypeAttribute", "System.Management.Automation"),
            ["PSDefaultValue"] = ("System.Management.Automation.PSDefaultValueAttribute", "System.Management.Automation"),
            ["PSTypeNameAttribute"] = ("System.Management.Automation.PSTypeNameAttribute", "System.Management.Automation"),
            ["Parameter"] = ("System.Management.Automation.ParameterAttribute", "System.Management.Automation"),
            ["PhysicalAddress"] = ("System.Net.NetworkInformation.PhysicalAddress", "System"),
            ["SupportsWildcards"] = ("System.Management.Automation.SupportsWildcardsAttribute", "System.Management.Automation"),
            ["ValidateCount"] = ("System.Management.Automation.ValidateCountAttribute", "System.Management.Automation"),
            ["ValidateDrive"] = ("System.Management.Automation.ValidateDriveAttribute", "System.Management.Automation"),
            ["ValidateLength"] = ("System.Management.Automation.ValidateLengthAttribute", "System.Management.Automation"),
            ["ValidateNotNull"] = ("System.Management.Automation.ValidateNotNullAttribute", "System.Management.Automation"),
            ["ValidateNotNullOrEmpty"] = ("System.Management.Automation.ValidateNotNullOrEmptyAttribute", "System.Management.Automation"),
            ["ValidatePattern"] = ("System.Management.Automation.ValidatePatternAttribute", "System.Management.Automation"),
            ["ValidateRange"] = ("System.Management.Automation.ValidateRangeAttribute", "System.Management.Automation"),
            ["ValidateScript"] = ("System.Management.Automation.ValidateScriptAttribute", "System.Management.Automation"),
            ["ValidateSet"] = ("System.Management.Automation.ValidateSetAttribute", "System.Management.Automation"),
            ["ValidateTrustedData"] = ("System.Management.Automation.ValidateTrustedDataAttribute", "System.Management.Automation"),
            ["ValidateUserDrive"] = ("System.Management.Automation.ValidateUserDriveAttribute", "System.Management.Automation"),
            ["WildcardPattern"] = ("System.Management.Automation.WildcardPattern", "System.Management.Automation"),
            ["X500DistinguishedName"] = ("System.Security.Cryptography.X509Certificates.X500DistinguishedName", "System"),
            ["X509Certificate"] = ("System.Security.Cryptography.X509Certificates.X509Certificate", "mscorlib"),
            ["adsi"] = ("System.DirectoryServices.DirectoryEntry", "System.DirectoryServices"),
            ["adsisearcher"] = ("System.DirectoryServices.DirectorySearcher", "System.DirectoryServices"),
            ["array"] = ("System.Array", "mscorlib"),
            ["bigint"] = ("System.Numerics.BigInteger", "System.Numerics"),
            ["bool"] = ("System.Boolean", "mscorlib"),
            ["byte"] = ("System.Byte", "mscorlib"),
            ["char"] = ("System.Char", "mscorlib"),
            ["cimclass"] = ("Microsoft.Management.Infrastructure.CimClass", "Microsoft.Management.Infrastructure"),
            ["cimconverter"] = ("Microsoft.Management.Infrastructure.CimConverter", "Microsoft.Management.Infrastructure"),
            ["ciminstance"] = ("Microsoft.Management.Infrastructure.CimInstance", "Microsoft.Management.Infrastructure"),
            ["cimtype"] = ("Microsoft.Management.Infrastructure.CimType", "Microsoft.Management.Infrastructure"),
            ["cultureinfo"] = ("System.Globalization.CultureInfo", "mscorlib"),
            ["datetime"] = ("System.DateTime", "mscorlib"),
            ["decimal"] = ("System.Decimal", "mscorlib"),
            ["double"] = ("System.Double", "mscorlib"),
            ["float"] = ("System.Single", "mscorlib"),
            ["guid"] = ("System.Guid", "mscorlib"),
            ["hashtable"] = ("System.Collections.Hashtable", "mscorlib"),
            ["initialsessionstate"] = ("System.Management.Automation.Runspaces.InitialSessionState", "System.Management.Automation"),
            ["int"] = ("System.Int32", "mscorlib"),
            ["int16"] = ("System.Int16", "mscorlib"),
            ["int32"] = ("System.Int32", "mscorlib"),
            ["int64"] = ("System.Int64", "mscorlib"),
            ["ipaddress"] = ("System.Net.IPAddress", "System"),
            ["long"] = ("System.Int64", "mscorlib"),
            ["mailaddress"] = ("System.Net.Mail.MailAddress", "System"),
            ["powershell"] = ("System.Management.Automation.PowerShell", "System.Management.Automation"),
            ["psaliasproperty"] = ("System.Management.Automation.PSAliasProperty", "System.Management.Automation"),
            ["pscredential"] = ("System.Management.Automation.PSCredential", "System.Management.Automation"),
            ["pscustomobject"] = ("System.Management.Automation.PSObject", "System.Management.Automation"),
            ["pslistmodifier"] = ("System.Management.Automation.PSListModifier", "System.Management.Automation"),
            ["psmoduleinfo"] = ("System.Management.Automation.PSModuleInfo", "System.Management.Automation"),
            ["psnoteproperty"] = ("System.Management.Automation.PSNoteProperty", "System.Management.Automation"),
            ["psobject"] = ("System.Management.Automation.PSObject", "System.Management.Automation"),
            ["psprimitivedictionary"] = ("System.Management.Automation.PSPrimitiveDictionary", "System.Management.Automation"),
            ["psscriptmethod"] = ("System.Management.Automation.PSScriptMethod", "System.Management.Automation"),
            ["psscriptproperty"] = ("System.Management.Automation.PSScriptProperty", "System.Management.Automation"),
            ["psvariable"] = ("System.Management.Automation.PSVariable", "System.Management.Automation"),
            ["psvariableproperty"] = ("System.Management.Automation.PSVariableProperty", "System.Management.Automation"),
            ["ref"] = ("System.Management.Automation.PSReference", "System.Management.Automation"),
            ["regex"] = ("System.Text.RegularExpressions.Regex", "System"),
            ["runspace"] = ("System.Management.Automation.Runspaces.Runspace", "System.Management.Automation"),
            ["runspacefactory"] = ("System.Management.Automation.Runspaces.RunspaceFactory", "System.Management.Automation"),
            ["sbyte"] = ("System.SByte", "mscorlib"),
            ["scriptblock"] = ("System.Management.Automation.ScriptBlock", "System.Management.Automation"),
            ["securestring"] = ("System.Security.SecureString", "mscorlib"),
            ["single"] = ("System.Single", "mscorlib"),
            ["string"] = ("System.String", "mscorlib"),
            ["switch"] = ("System.Management.Automation.SwitchParameter", "System.Management.Automation"),
            ["timespan"] = ("System.TimeSpan", "mscorlib"),
            ["type"] = ("System.Type", "mscorlib"),
            ["uint16"] = ("System.UInt16", "mscorlib"),
            ["uint32"] = ("System.UInt32", "mscorlib"),
            ["uint64"] = ("System.UInt64", "mscorlib"),
            ["uri"] = ("System.Uri", "System"),
            ["version"] = ("System.Version", "mscorlib"),
            ["void"] = ("System.Void", "mscorlib"),
            ["wmi"] = ("System.Management.ManagementObject", "System.Management"),
            ["wmiclass"] = ("System.Management.ManagementClass", "System.Management"),
            ["wmisearcher"] = ("System.Management.ManagementObjectSearcher", "System.Management"),
            ["xml"] = ("System.Xml.XmlDocument", "System.Xml"),
        };

    /// <summary>
    /// Assemblies a Windows PowerShell 5.1 script can use without <c>Add-Type -AssemblyName</c> (powershell.exe
    /// -NoProfile -File, as the Intune Management Extension starts it). A type in any other assembly needs
    /// the Add-Type first.
    ///
    /// Where it comes from:
    /// - Verified by the accelerator table above: it names types in mscorlib, System,
    ///   System.Management.Automation, System.Management, System.DirectoryServices, System.Xml,
    ///   System.Numerics and Microsoft.Management.Infrastructure, so 5.1 loads those when it builds the
    ///   table, which it does to resolve the first type name a script uses.
    /// - Judgement, not verified on a device here (no Windows PowerShell on this machine): System.Core and
    ///   System.Configuration (System.Management.Automation's own dependencies, listed by
    ///   <c>[AppDomain]::CurrentDomain.GetAssemblies()</c> in a fresh 5.1 session as commonly reported),
    ///   and the console host and the snap-ins 5.1 loads at start (Microsoft.PowerShell.ConsoleHost,
    ///   .Commands.Utility, .Commands.Management, .Security).
    /// - Left out on purpose although often seen loaded (System.Data, System.Transactions, ...): a type
    ///   there costs an Add-Type that does no harm. Known traps that are NOT loaded: System.Net.Http,
    ///   System.IO.Compression(.FileSystem), System.Windows.Forms, System.Drawing, System.Web,
    ///   PresentationFramework.
    /// </summary>
    public static readonly IReadOnlySet<string> LoadedAtStart = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "mscorlib",
        "System",
        "System.Core",
        "System.Configuration",
        "System.Xml",
        "System.Management",
        "System.DirectoryServices",
        "System.Numerics",
        "System.Management.Automation",
        "Microsoft.Management.Infrastructure",
        "Microsoft.PowerShell.ConsoleHost",
        "Microsoft.PowerShell.Commands.Utility",
        "Microsoft.PowerShell.Commands.Management",
        "Microsoft.PowerShell.Security",
    };
}

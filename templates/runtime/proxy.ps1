function Get-RgWinHttpProxySetting {
    <#
    .SYNOPSIS
        The machine's WinHTTP proxy from `netsh winhttp show proxy`. The output is localized: the proxy and
        bypass list are read as the values of the first "name : value" lines; no such line means direct access.
    .OUTPUTS
        Known ([bool]: netsh answered), Proxy ([string], empty when direct), Bypass ([string]), Problem ([string], why not known).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    try {
        $result = Invoke-RgNativeCommand -FilePath 'netsh.exe' -ArgumentList @('winhttp', 'show', 'proxy') -TimeoutSeconds 30
        if ($result.TimedOut) {
            return [pscustomobject]@{ Known = $false; Proxy = ''; Bypass = ''; Problem = 'netsh timed out' }
        }
        if ($result.ExitCode -ne 0) {
            return [pscustomobject]@{ Known = $false; Proxy = ''; Bypass = ''; Problem = 'netsh exit code ' + $result.ExitCode }
        }
        $values = @()
        foreach ($line in @($result.Output)) {
            if ([string]$line -match '^\s+[^:]+?\s*:\s+(\S.*?)\s*$') {
                $values += $Matches[1]
            }
        }
        $bypass = ''
        if ($values.Count -gt 1) { $bypass = [string]$values[1] }
        $proxy = ''
        if ($values.Count -gt 0) { $proxy = [string]$values[0] }
        [pscustomobject]@{ Known = $true; Proxy = $proxy; Bypass = $bypass; Problem = '' }
    }
    catch {
        [pscustomobject]@{ Known = $false; Proxy = ''; Bypass = ''; Problem = $_.Exception.Message }
    }
}

function Get-RgSystemWebProxy {
    <#
    .SYNOPSIS
        Seam: the proxy this account's Internet Options choose for each URI ([System.Net.WebRequest]::
        GetSystemWebProxy(): manual, PAC and auto-detect as WinINet applies them; under SYSTEM, SYSTEM's own
        and usually empty settings). Never throws.
    .PARAMETER Uri
        The URIs, e.g. https://login.microsoftonline.com/.
    .OUTPUTS
        One { Uri; Proxy ([string] host:port, empty when direct); Bypassed ([bool]); Error ([string]) } per URI.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [string[]]$Uri
    )
    $system = $null
    $failure = ''
    try {
        # No request is sent; set as before every use of System.Net in these scripts.
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
        $system = [System.Net.WebRequest]::GetSystemWebProxy()
    }
    catch {
        $failure = $_.Exception.Message
    }
    foreach ($text in $Uri) {
        $proxy = ''
        $bypassed = $false
        $problem = $failure
        if ($null -ne $system) {
            try {
                $target = [System.Uri]::new($text)
                $bypassed = [bool]$system.IsBypassed($target)
                if (-not $bypassed) {
                    $chosen = $system.GetProxy($target)
                    if ($null -ne $chosen -and $chosen.Authority -ne $target.Authority) { $proxy = $chosen.Authority }
                    else { $bypassed = $true }
                }
            }
            catch {
                $problem = $_.Exception.Message
            }
        }
        [pscustomobject]@{ Uri = $text; Proxy = $proxy; Bypassed = $bypassed; Error = [string]$problem }
    }
}

function Get-RgProxyRoute {
    <#
    .SYNOPSIS
        The way out this context takes to each host on 443: the signed-in user through their Internet
        Options (WinINet, Get-RgSystemWebProxy), SYSTEM through the machine's WinHTTP proxy (netsh winhttp
        show proxy, its bypass list applied here: entries separated by ';' or spaces, '*' wildcards,
        <local> for names without a dot). docs/reference/tls-inspection.md.
    .PARAMETER HostName
        The hosts.
    .PARAMETER Via
        WinINet or WinHTTP; by default the one this context takes (WinINet for the user, WinHTTP for SYSTEM).
        The user's script can read SYSTEM's WinHTTP route too; SYSTEM cannot read the user's Internet Options.
    .OUTPUTS
        One { HostName; Source ('WinINet' or 'WinHTTP'); Proxy (host:port, empty when direct); Bypassed; Known } per host.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [string[]]$HostName,

        [ValidateSet('', 'WinINet', 'WinHTTP')]
        [string]$Via = ''
    )
    if (-not $Via) {
        $Via = 'WinHTTP'
        if ([string]$RgPackage.Context -eq 'user') { $Via = 'WinINet' }
    }
    if ($Via -eq 'WinINet') {
        $answers = @(Get-RgSystemWebProxy -Uri ([string[]]@($HostName | ForEach-Object -Process { 'https://' + $_ + '/' })))
        for ($index = 0; $index -lt $HostName.Count; $index++) {
            $answer = $answers[$index]
            [pscustomobject]@{ HostName = $HostName[$index]; Source = 'WinINet'; Proxy = [string]$answer.Proxy; Bypassed = [bool]$answer.Bypassed; Known = -not [string]$answer.Error }
        }
        return
    }
    $setting = Get-RgWinHttpProxySetting
    foreach ($name in $HostName) {
        $proxy = ''
        $bypassed = $false
        if ($setting.Known -and $setting.Proxy) {
            $proxy = Select-RgSchemeProxy -List $setting.Proxy
            foreach ($entry in @($setting.Bypass -split '[;\s]+' | Where-Object -FilterScript { $_ })) {
                $pattern = $entry -replace '^[A-Za-z]+://', ''
                if (($pattern -eq '<local>' -and $name -notmatch '\.') -or ($pattern -ne '<local>' -and $name -like $pattern)) { $bypassed = $true }
            }
            if ($bypassed) { $proxy = '' }
        }
        [pscustomobject]@{ HostName = $name; Source = 'WinHTTP'; Proxy = $proxy; Bypassed = $bypassed; Known = [bool]$setting.Known }
    }
}

function Select-RgSchemeProxy {
    <#
    .SYNOPSIS
        The proxy for https out of a WinHTTP proxy list: 'host:port', or 'http=a:80;https=b:8443' (the
        https entry, else the one without a scheme, else the http entry). A scheme prefix is dropped.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string]$List)
    $plain = ''
    $http = ''
    foreach ($entry in @($List -split '[;\s]+' | Where-Object -FilterScript { $_ })) {
        if ($entry -match '^https=(.+)$') { return ($Matches[1] -replace '^[A-Za-z]+://', '') }
        if ($entry -match '^http=(.+)$') { $http = $Matches[1] -replace '^[A-Za-z]+://', '' }
        elseif ($entry -notmatch '=' -and -not $plain) { $plain = $entry -replace '^[A-Za-z]+://', '' }
    }
    if ($plain) { return $plain }
    $http
}

function Get-RgRouteWords {
    <#
    .SYNOPSIS
        One route (Get-RgProxyRoute's answers for some hosts) in the summary's words: 'SYSTEM goes direct
        (WinHTTP)', 'the user through proxy.contoso.com:8080 (WinINet; login.microsoftonline.com bypassed)'.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$Route
    )
    $all = @($Route)
    if ($all.Count -eq 0) { return 'no route to check' }
    $source = [string]$all[0].Source
    # WinINet is the signed-in user's route (only user scripts ask it); WinHTTP is what SYSTEM takes.
    $who = 'SYSTEM'
    if ($source -eq 'WinINet') { $who = 'the user' }
    if (@($all | Where-Object -FilterScript { -not $_.Known }).Count -gt 0) { return $who + "'s proxy is unknown (" + $source + ')' }
    $proxies = @()
    foreach ($one in $all) {
        if ($one.Proxy -and $proxies -notcontains [string]$one.Proxy) { $proxies += [string]$one.Proxy }
    }
    if ($proxies.Count -eq 0) { return $who + ' goes direct (' + $source + ')' }
    $text = $who + ' through ' + ($proxies -join ', ') + ' (' + $source
    $bypassed = @($all | Where-Object -FilterScript { $_.Bypassed } | ForEach-Object -Process { [string]$_.HostName })
    if ($bypassed.Count -gt 0) { $text += '; ' + ($bypassed -join ', ') + ' bypassed' }
    $text + ')'
}

function Get-RgWinInetProxy {
    <#
    .SYNOPSIS
        The WinINet proxy of the current user (HKCU ...\Internet Settings ProxyEnable, ProxyServer,
        AutoConfigURL), in words. Under SYSTEM this is the SYSTEM account's own setting.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    try {
        $key = 'Software\Microsoft\Windows\CurrentVersion\Internet Settings'
        $enable = Get-RgRegistryData -Hive 'HKCU' -SubKey $key -Name 'ProxyEnable'
        $server = Get-RgRegistryData -Hive 'HKCU' -SubKey $key -Name 'ProxyServer'
        $pac = Get-RgRegistryData -Hive 'HKCU' -SubKey $key -Name 'AutoConfigURL'
        $parts = @()
        if ($enable.Exists -and [string]$enable.Value -ne '0') {
            $parts += 'proxy ' + [string]$server.Value
        }
        if ($pac.Exists -and -not [string]::IsNullOrWhiteSpace([string]$pac.Value)) {
            $parts += 'PAC ' + [string]$pac.Value
        }
        if ($parts.Count -eq 0) {
            return 'WinINet proxy: none'
        }
        'WinINet proxy: ' + ($parts -join ', ')
    }
    catch {
        'WinINet proxy: unknown (' + $_.Exception.Message + ')'
    }
}

function Get-RgWinHttpProxy {
    <#
    .SYNOPSIS
        The WinHTTP proxy (Get-RgWinHttpProxySetting, from `netsh winhttp show proxy`), in words.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $setting = Get-RgWinHttpProxySetting
    if (-not $setting.Known) {
        return 'WinHTTP proxy: unknown (' + $setting.Problem + ')'
    }
    if (-not $setting.Proxy) {
        return 'WinHTTP proxy: none (direct access)'
    }
    $text = 'WinHTTP proxy: ' + $setting.Proxy
    if ($setting.Bypass) {
        $text += ' (bypass ' + $setting.Bypass + ')'
    }
    $text
}

function Test-RgEndpoints {
    <#
    .SYNOPSIS
        Resolves the endpoints' hosts, then connects to each resolved one over TCP (each stage all at once,
        each lookup and connect within TimeoutMilliseconds);
        compliant when every one is reachable. Logs the WinINet and WinHTTP proxy settings, and adds them to
        Actual when an endpoint fails. Reads only.
    .PARAMETER Step
        The step: Endpoints (Host, Port), TimeoutMilliseconds.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $timeout = [int]$Step.TimeoutMilliseconds
    $all = @($Step.Endpoints)
    $expected = 'all ' + $all.Count + ' endpoints resolve and accept TCP connections'
    $failures = @()
    $connect = @()
    $answers = @()
    if ($all.Count -gt 0) {
        $answers = @(Resolve-RgHostNameList -HostName ([string[]]@($all | ForEach-Object -Process { [string]$_.Host })) -TimeoutMilliseconds $timeout)
    }
    for ($index = 0; $index -lt $all.Count; $index++) {
        $endpoint = $all[$index]
        $name = [string]$endpoint.Host + ':' + [int]$endpoint.Port
        $dns = $answers[$index]
        if (-not $dns.Resolved) {
            $failures += $name + ' does not resolve (' + $dns.Error + ')'
            continue
        }
        Write-RgLog -Message ($Step.Id + ': ' + [string]$endpoint.Host + ' resolves to ' + (@($dns.Addresses) -join ', '))
        $connect += @{ HostName = [string]$endpoint.Host; Port = [int]$endpoint.Port; TimeoutMilliseconds = $timeout }
    }
    if ($connect.Count -gt 0) {
        foreach ($result in @(Test-RgTcpEndpointList -Endpoint $connect)) {
            $name = [string]$result.HostName + ':' + [int]$result.Port
            if ($result.Reachable) {
                Write-RgLog -Message ($Step.Id + ': ' + $name + ' reachable')
            }
            else {
                $failures += $name + ' unreachable (' + $result.Error + ')'
            }
        }
    }
    $hosts = [string[]]@($all | ForEach-Object -Process { [string]$_.Host })
    $route = Get-RgRouteWords -Route @(Get-RgProxyRoute -HostName $hosts)
    if ([string]$RgPackage.Context -eq 'user') {
        # The user's script can see SYSTEM's route too: side by side, they explain "works for one, not the other".
        $route += ', ' + (Get-RgRouteWords -Route @(Get-RgProxyRoute -HostName $hosts -Via 'WinHTTP'))
    }
    $proxy = $route + '; ' + (Get-RgWinInetProxy) + '; ' + (Get-RgWinHttpProxy)
    Write-RgLog -Message ($Step.Id + ': ' + $proxy)
    if ($failures.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('all ' + $all.Count + ' endpoints reachable; ' + $route) -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual (($failures -join '; ') + '; ' + $proxy) -Expected $expected
}

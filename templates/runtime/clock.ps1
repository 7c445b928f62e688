function Get-RgHttpDate {
    <#
    .SYNOPSIS
        Seam: the HTTP Date header of a server, as UTC: one HEAD request ([System.Net.HttpWebRequest]) through
        the system default proxy (with the process's credentials), TLS 1.2 enabled first, no redirect followed.
        An HTTP error answer (403, 404, 5xx) still carries the server's Date and counts.
    .PARAMETER Uri
        The server, e.g. https://login.microsoftonline.com/.
    .PARAMETER TimeoutMilliseconds
        How long the request may take.
    .OUTPUTS
        Date ([datetime], UTC; $null when none was read), Error ([string], empty when Date was read).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Uri,

        [int]$TimeoutMilliseconds = 10000
    )
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $response = $null
    try {
        $request = [System.Net.HttpWebRequest][System.Net.WebRequest]::Create($Uri)
        $request.Method = 'HEAD'
        $request.Timeout = $TimeoutMilliseconds
        $request.ReadWriteTimeout = $TimeoutMilliseconds
        $request.AllowAutoRedirect = $false
        $proxy = [System.Net.WebRequest]::GetSystemWebProxy()
        $proxy.Credentials = [System.Net.CredentialCache]::DefaultCredentials
        $request.Proxy = $proxy
        try {
            $response = $request.GetResponse()
        }
        catch {
            # A protocol error (4xx, 5xx) is still an answer from the server, with its Date.
            $web = $_.Exception
            while ($null -ne $web -and -not ($web -is [System.Net.WebException])) { $web = $web.InnerException }
            if ($null -eq $web -or $null -eq $web.Response) {
                throw
            }
            $response = $web.Response
        }
        $header = [string]$response.Headers['Date']
        if ([string]::IsNullOrWhiteSpace($header)) {
            return [pscustomobject]@{ Date = $null; Error = 'the answer has no Date header' }
        }
        $date = [datetime]::MinValue
        $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal
        if (-not [datetime]::TryParseExact($header.Trim(), 'r', [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$date)) {
            return [pscustomobject]@{ Date = $null; Error = 'the Date header ' + $header + ' is not an HTTP date' }
        }
        [pscustomobject]@{ Date = $date; Error = '' }
    }
    catch {
        $exception = $_.Exception
        while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
        [pscustomobject]@{ Date = $null; Error = $exception.Message }
    }
    finally {
        if ($null -ne $response) {
            $response.Close()
        }
    }
}

function Get-RgClockSkew {
    <#
    .SYNOPSIS
        The device clock (Get-RgUtcNow) minus a server's HTTP Date (Get-RgHttpDate), in whole seconds; the
        Date header has one-second resolution, so a skew under a second or two is noise. Shared by the
        clockSkew probe and the clockResync action (rooms do not import each other).
    .PARAMETER Uri
        The server.
    .PARAMETER TimeoutMilliseconds
        The request's timeout.
    .OUTPUTS
        Measured ([bool]), SkewSeconds ([int], positive when the device is ahead), DeviceUtc, ServerUtc,
        Error ([string]: why nothing was measured).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Uri,

        [int]$TimeoutMilliseconds = 10000
    )
    $http = Get-RgHttpDate -Uri $Uri -TimeoutMilliseconds $TimeoutMilliseconds
    $device = Get-RgUtcNow
    if ($null -eq $http.Date) {
        return [pscustomobject]@{ Measured = $false; SkewSeconds = 0; DeviceUtc = $device; ServerUtc = $null; Error = [string]$http.Error }
    }
    $server = ([datetime]$http.Date).ToUniversalTime()
    $skew = [int][System.Math]::Round(($device - $server).TotalSeconds)
    [pscustomobject]@{ Measured = $true; SkewSeconds = $skew; DeviceUtc = $device; ServerUtc = $server; Error = '' }
}

function Format-RgClockSkew {
    <#
    .SYNOPSIS
        A skew in words: "device clock 600 s ahead of https://... (device 2026-12-01 08:10:00 UTC, server ...)".
    .PARAMETER Skew
        A Get-RgClockSkew result.
    .PARAMETER Uri
        The server it was measured against.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Skew,

        [Parameter(Mandatory = $true)]
        [string]$Uri
    )
    if (-not $Skew.Measured) {
        return 'could not read the Date header of ' + $Uri + ': ' + $Skew.Error
    }
    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    $seconds = [int]$Skew.SkewSeconds
    $direction = 'ahead of'
    if ($seconds -lt 0) {
        $direction = 'behind'
    }
    'device clock ' + [System.Math]::Abs($seconds) + ' s ' + $direction + ' ' + $Uri + ' (device ' + $Skew.DeviceUtc.ToString('yyyy-MM-dd HH:mm:ss', $culture) +
    ' UTC, server ' + $Skew.ServerUtc.ToString('yyyy-MM-dd HH:mm:ss', $culture) + ' UTC)'
}

function Get-RgW32TimeStatus {
    <#
    .SYNOPSIS
        The time source and last successful sync from `w32tm /query /status`, in words, for the log and the
        result; never decides compliance. The output is localised: the English labels "Source" and "Last
        Successful Sync Time" are read when present; on another language the labels are not guessed, and the
        status lines' values are reported as they are (each line "label: value", cut at the first colon).
        A stopped service or a failure is reported with w32tm's own words, not thrown.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    try {
        $result = Invoke-RgNativeCommand -FilePath 'w32tm.exe' -ArgumentList @('/query', '/status') -TimeoutSeconds 30
        if ($result.TimedOut) {
            return 'w32tm status: unknown (w32tm timed out)'
        }
        $lines = @($result.Output | Where-Object -FilterScript { -not [string]::IsNullOrWhiteSpace([string]$_) } | ForEach-Object -Process { ([string]$_).Trim() })
        if ($result.ExitCode -ne 0) {
            return 'w32tm status: unavailable (exit code ' + $result.ExitCode + ': ' + ($lines -join ' ') + ')'
        }
        $values = [ordered]@{}
        foreach ($line in $lines) {
            $at = $line.IndexOf(':')
            if ($at -gt 0) {
                $values[$line.Substring(0, $at).Trim()] = $line.Substring($at + 1).Trim()
            }
        }
        if ($values.Contains('Source') -and $values.Contains('Last Successful Sync Time')) {
            return 'w32tm status: source ' + $values['Source'] + ', last successful sync ' + $values['Last Successful Sync Time']
        }
        if ($values.Count -eq 0) {
            return 'w32tm status: unknown (no status lines)'
        }
        'w32tm status (localised, unparsed): ' + (@($values.Keys | ForEach-Object -Process { $_ + ' = ' + $values[$_] }) -join '; ')
    }
    catch {
        'w32tm status: unknown (' + $_.Exception.Message + ')'
    }
}

function Get-RgW32TimeService {
    <#
    .SYNOPSIS
        The Windows Time service (W32Time) in words, e.g. "W32Time Running, start type Automatic", and whether
        it runs. Reported, not decided on: Windows sets it to start on demand (trigger start) on many devices.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    try {
        $service = Get-RgService -Name 'W32Time'
        if (-not $service.Exists) {
            return [pscustomobject]@{ Running = $false; Text = 'W32Time not installed' }
        }
        [pscustomobject]@{ Running = ($service.Status -eq 'Running'); Text = 'W32Time ' + $service.Status + ', start type ' + $service.StartType }
    }
    catch {
        [pscustomobject]@{ Running = $false; Text = 'W32Time unknown (' + $_.Exception.Message + ')' }
    }
}

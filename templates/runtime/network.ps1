function Resolve-RgHostNameList {
    <#
    .SYNOPSIS
        Seam: resolves several host names at once through the device's resolver ([System.Net.Dns], no
        Resolve-DnsName). Every lookup is started first (Dns.BeginGetHostAddresses), then each is waited for
        up to the timeout counted from the start, so the whole list takes about one timeout, not their sum,
        however long a broken resolver hangs. No runspaces. Never throws.
    .PARAMETER HostName
        The names to resolve, e.g. login.microsoftonline.com.
    .PARAMETER TimeoutMilliseconds
        How long to wait for each answer, counted from the start of the first lookup.
    .OUTPUTS
        One object per name, in order: HostName, Resolved ([bool]), Addresses ([string[]], IPv4 and IPv6 as
        text), Error ([string], empty when resolved; 'no answer within N ms' when the lookup did not finish
        in time).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$HostName,

        [int]$TimeoutMilliseconds = 5000
    )
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $pending = foreach ($name in $HostName) {
        $started = $null
        $failure = ''
        if ([string]::IsNullOrWhiteSpace($name)) {
            $failure = 'no host name'
        }
        else {
            try {
                $started = [System.Net.Dns]::BeginGetHostAddresses($name, $null, $null)
            }
            catch {
                $exception = $_.Exception
                while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
                $failure = $exception.Message
            }
        }
        [pscustomobject]@{ HostName = [string]$name; Started = $started; Failure = $failure }
    }
    foreach ($lookup in @($pending)) {
        $resolved = $false
        $addresses = [string[]]@()
        $failure = $lookup.Failure
        if ($null -ne $lookup.Started) {
            $remaining = [int][System.Math]::Max(0, $TimeoutMilliseconds - $clock.ElapsedMilliseconds)
            if ($lookup.Started.AsyncWaitHandle.WaitOne($remaining)) {
                try {
                    $addresses = [string[]]@([System.Net.Dns]::EndGetHostAddresses($lookup.Started) | ForEach-Object -Process { $_.ToString() })
                    $resolved = $addresses.Count -gt 0
                    if (-not $resolved) { $failure = 'no addresses' }
                }
                catch {
                    $exception = $_.Exception
                    while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
                    $failure = $exception.Message
                }
            }
            else {
                $failure = 'no answer within ' + $TimeoutMilliseconds + ' ms'
            }
        }
        [pscustomobject]@{ HostName = $lookup.HostName; Resolved = $resolved; Addresses = $addresses; Error = [string]$failure }
    }
}

function Test-RgTcpEndpointList {
    <#
    .SYNOPSIS
        Seam: TCP connects to several endpoints at once. Every connect is started first
        (TcpClient.BeginConnect), then each is waited for up to its own timeout counted from the start, so
        the whole list takes about the longest timeout, not their sum; every client is closed. No runspaces,
        no Test-NetConnection.
    .PARAMETER Endpoint
        The endpoints: each has HostName, Port and TimeoutMilliseconds.
    .OUTPUTS
        One object per endpoint, in order: HostName, Port, Reachable ([bool]), Error ([string], empty when
        reachable; 'timed out after N ms' when the connect did not finish in time).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$Endpoint
    )
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $pending = foreach ($target in $Endpoint) {
        $client = [System.Net.Sockets.TcpClient]::new()
        $started = $null
        $failure = ''
        try {
            $started = $client.BeginConnect([string]$target.HostName, [int]$target.Port, $null, $null)
        }
        catch {
            $exception = $_.Exception
            while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
            $failure = $exception.Message
        }
        [pscustomobject]@{ Target = $target; Client = $client; Started = $started; Failure = $failure }
    }
    foreach ($connect in @($pending)) {
        $reachable = $false
        $failure = $connect.Failure
        $timeout = [int]$connect.Target.TimeoutMilliseconds
        try {
            if ($null -ne $connect.Started) {
                $remaining = [int][System.Math]::Max(0, $timeout - $clock.ElapsedMilliseconds)
                if ($connect.Started.AsyncWaitHandle.WaitOne($remaining)) {
                    try {
                        $connect.Client.EndConnect($connect.Started)
                        $reachable = [bool]$connect.Client.Connected
                        if (-not $reachable) { $failure = 'not connected' }
                    }
                    catch {
                        $exception = $_.Exception
                        while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
                        $failure = $exception.Message
                    }
                }
                else {
                    $failure = 'timed out after ' + $timeout + ' ms'
                }
            }
        }
        finally {
            $connect.Client.Close()
        }
        [pscustomobject]@{ HostName = [string]$connect.Target.HostName; Port = [int]$connect.Target.Port; Reachable = $reachable; Error = [string]$failure }
    }
}

function Test-RgTcpEndpoint {
    <#
    .SYNOPSIS
        Seam: whether a TCP connection to HostName:Port opens within TimeoutMilliseconds (TcpClient, closed
        afterwards). Test-RgTcpEndpointList checks several at once.
    .PARAMETER HostName
        Host name or address.
    .PARAMETER Port
        TCP port.
    .PARAMETER TimeoutMilliseconds
        How long to wait for the connection.
    .OUTPUTS
        Reachable ([bool]), Error ([string], empty when reachable).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$HostName,

        [Parameter(Mandatory = $true)]
        [int]$Port,

        [int]$TimeoutMilliseconds = 3000
    )
    $result = Test-RgTcpEndpointList -Endpoint @(@{ HostName = $HostName; Port = $Port; TimeoutMilliseconds = $TimeoutMilliseconds })
    [pscustomobject]@{ Reachable = [bool]$result.Reachable; Error = [string]$result.Error }
}

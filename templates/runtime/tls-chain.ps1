function Get-RgTlsChain {
    <#
    .SYNOPSIS
        Seam: the certificate chain a TLS server presents to this device, leaf first, root last. A TcpClient
        connect (to the proxy when one is given: CONNECT host:port first), then SslStream.AuthenticateAsClient
        (TLS 1.2) with a compiled validation callback (Add-Type, C# 5: a scriptblock callback is not safe,
        docs/reference/tls-inspection.md) that records the chain as Windows built it and accepts it, so an
        inspected chain is seen, never trusted for data: nothing is sent after the handshake. Every read and
        write is bounded by TimeoutMilliseconds (the socket's timeouts). Never throws.
    .PARAMETER HostName
        The server's name, e.g. login.microsoftonline.com (also the SNI name).
    .PARAMETER Port
        TCP port.
    .PARAMETER Proxy
        An explicit proxy as host:port, or empty for a direct connection.
    .PARAMETER TimeoutMilliseconds
        How long the connect may take, and each read or write after it.
    .OUTPUTS
        HostName, Port, Proxy, ProxyStatus ([int]: the proxy's answer to CONNECT, 0 when direct or none),
        Chain (one { Subject; Issuer; Thumbprint } per certificate, SHA-1 thumbprints in upper case),
        PolicyErrors ([string], SslPolicyErrors as .NET names them), Error ([string], empty when the chain
        was read), TimedOut ([bool]).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$HostName,

        [int]$Port = 443,

        [AllowEmptyString()]
        [string]$Proxy = '',

        [int]$TimeoutMilliseconds = 10000
    )
    $source = @'
using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Remgen
{
    public sealed class TlsChainRecorder
    {
        private readonly List<string[]> elements = new List<string[]>();
        private string policyErrors = "";
        private bool called;

        public RemoteCertificateValidationCallback Callback
        {
            get { return new RemoteCertificateValidationCallback(this.Record); }
        }

        public bool Called
        {
            get { return this.called; }
        }

        public string PolicyErrors
        {
            get { return this.policyErrors; }
        }

        public string[][] Elements
        {
            get { return this.elements.ToArray(); }
        }

        private bool Record(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            this.called = true;
            this.policyErrors = errors.ToString();
            this.elements.Clear();
            if (chain != null && chain.ChainElements.Count > 0)
            {
                foreach (X509ChainElement element in chain.ChainElements)
                {
                    X509Certificate2 item = element.Certificate;
                    this.elements.Add(new string[] { item.Subject, item.Issuer, item.Thumbprint.ToUpperInvariant() });
                }
            }
            else if (certificate != null)
            {
                X509Certificate2 leaf = new X509Certificate2(certificate);
                this.elements.Add(new string[] { leaf.Subject, leaf.Issuer, leaf.Thumbprint.ToUpperInvariant() });
            }
            return true;
        }
    }
}
'@
    $result = [ordered]@{ HostName = $HostName; Port = $Port; Proxy = $Proxy; ProxyStatus = 0; Chain = @(); PolicyErrors = ''; Error = ''; TimedOut = $false }
    $client = [System.Net.Sockets.TcpClient]::new()
    $ssl = $null
    $recorder = $null
    $stage = 'connect'
    try {
        $type = 'Remgen.TlsChainRecorder' -as [type]
        if ($null -eq $type) {
            $type = @(Add-Type -TypeDefinition $source -PassThru | Where-Object -FilterScript { $_.FullName -eq 'Remgen.TlsChainRecorder' })[0]
        }
        $recorder = $type::new()
        $connectHost = $HostName
        $connectPort = $Port
        if ($Proxy) {
            $colon = $Proxy.LastIndexOf(':')
            if ($colon -lt 1) { throw [System.ArgumentException]::new('the proxy ' + $Proxy + ' is not host:port') }
            $connectHost = $Proxy.Substring(0, $colon)
            $connectPort = [int]$Proxy.Substring($colon + 1)
        }
        $started = $client.BeginConnect($connectHost, $connectPort, $null, $null)
        if (-not $started.AsyncWaitHandle.WaitOne($TimeoutMilliseconds)) {
            $result.TimedOut = $true
            $result.Error = 'no connection to ' + $connectHost + ':' + $connectPort + ' within ' + $TimeoutMilliseconds + ' ms'
            return [pscustomobject]$result
        }
        $client.EndConnect($started)
        $client.ReceiveTimeout = $TimeoutMilliseconds
        $client.SendTimeout = $TimeoutMilliseconds
        $stream = $client.GetStream()
        if ($Proxy) {
            $stage = 'proxy'
            $request = 'CONNECT ' + $HostName + ':' + $Port + " HTTP/1.1`r`nHost: " + $HostName + ':' + $Port + "`r`n`r`n"
            $bytes = [System.Text.Encoding]::ASCII.GetBytes($request)
            $stream.Write($bytes, 0, $bytes.Length)
            $head = [System.Text.StringBuilder]::new()
            while ($head.Length -lt 16384) {
                $next = $stream.ReadByte()
                if ($next -lt 0) { break }
                $null = $head.Append([char]$next)
                if ($head.Length -ge 4 -and $head.ToString($head.Length - 4, 4) -eq "`r`n`r`n") { break }
            }
            $statusLine = ([string]$head.ToString()).Split([char]13)[0]
            if ($statusLine -notmatch '^HTTP/\d\.\d (\d{3})') {
                $result.Error = 'the proxy ' + $Proxy + ' gave no HTTP answer to CONNECT'
                return [pscustomobject]$result
            }
            $result.ProxyStatus = [int]$Matches[1]
            if ($result.ProxyStatus -lt 200 -or $result.ProxyStatus -gt 299) {
                $result.Error = 'the proxy ' + $Proxy + ' answered CONNECT with ' + $statusLine.Substring(9)
                return [pscustomobject]$result
            }
        }
        $stage = 'tls'
        $ssl = [System.Net.Security.SslStream]::new($stream, $false, $recorder.Callback)
        $ssl.ReadTimeout = $TimeoutMilliseconds
        $ssl.WriteTimeout = $TimeoutMilliseconds
        # 3072 is Tls12 (docs/reference/tls-inspection.md); never Default.
        $ssl.AuthenticateAsClient($HostName, $null, [System.Security.Authentication.SslProtocols]3072, $false)
    }
    catch {
        $exception = $_.Exception
        $timedOut = $false
        while ($null -ne $exception.InnerException) {
            if ($exception -is [System.Net.Sockets.SocketException] -and $exception.SocketErrorCode -eq [System.Net.Sockets.SocketError]::TimedOut) { $timedOut = $true }
            $exception = $exception.InnerException
        }
        if ($exception -is [System.Net.Sockets.SocketException] -and $exception.SocketErrorCode -eq [System.Net.Sockets.SocketError]::TimedOut) { $timedOut = $true }
        $result.TimedOut = $timedOut
        if ($timedOut -and $stage -eq 'proxy') {
            $result.Error = 'the proxy ' + $Proxy + ' did not answer CONNECT within ' + $TimeoutMilliseconds + ' ms'
        }
        elseif ($timedOut) {
            $result.Error = 'no TLS answer within ' + $TimeoutMilliseconds + ' ms'
        }
        else {
            $result.Error = $exception.Message
        }
    }
    finally {
        if ($null -ne $ssl) { $ssl.Dispose() }
        $client.Close()
    }
    if ($null -ne $recorder -and $recorder.Called) {
        $result.PolicyErrors = [string]$recorder.PolicyErrors
        $result.Chain = @(foreach ($element in @($recorder.Elements)) {
                [pscustomobject]@{ Subject = [string]$element[0]; Issuer = [string]$element[1]; Thumbprint = [string]$element[2] }
            })
        if ($result.Chain.Count -gt 0) { $result.Error = '' ; $result.TimedOut = $false }
    }
    elseif (-not $result.Error) {
        $result.Error = 'the server presented no certificate'
    }
    [pscustomobject]$result
}

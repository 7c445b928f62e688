function Test-RgTlsInspection {
    <#
    .SYNOPSIS
        Reads the certificate chain each endpoint presents to this device, through the route this context
        takes (Get-RgProxyRoute: the user's WinINet proxy, SYSTEM's WinHTTP proxy; an explicit proxy is
        asked to CONNECT first), and judges it by its root's SHA-1 thumbprint against Microsoft's CAs
        (docs/reference/tls-inspection.md): never by an intermediate, never by SslPolicyErrors alone (an
        antivirus or enterprise inspection root is trusted on the device and validates cleanly). Compliant
        when every endpoint's root is one of them. Reads only.
    .PARAMETER Step
        The step: Endpoints (Host, Port), TimeoutMilliseconds, Roots (Name, Thumbprint).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $timeout = [int]$Step.TimeoutMilliseconds
    $all = @($Step.Endpoints)
    $roots = @{}
    foreach ($root in @($Step.Roots)) { $roots[([string]$root.Thumbprint).ToUpperInvariant()] = [string]$root.Name }
    $expected = 'every endpoint presents a chain to one of Microsoft''s ' + $roots.Count + ' root CAs'
    $routes = @(Get-RgProxyRoute -HostName ([string[]]@($all | ForEach-Object -Process { [string]$_.Host })))
    $routeWords = Get-RgRouteWords -Route $routes
    Write-RgLog -Message ($Step.Id + ': ' + $routeWords)
    $failures = @()
    $passed = @()
    for ($index = 0; $index -lt $all.Count; $index++) {
        $endpoint = $all[$index]
        $name = [string]$endpoint.Host
        $proxy = [string]$routes[$index].Proxy
        $via = ''
        if ($proxy) { $via = ' via ' + $proxy }
        $answer = Get-RgTlsChain -HostName $name -Port ([int]$endpoint.Port) -Proxy $proxy -TimeoutMilliseconds $timeout
        if ([int]$answer.ProxyStatus -eq 407) {
            $failures += $name + ': the proxy ' + $proxy + ' requires authentication (407 Proxy Authentication Required); the certificate was not read'
            continue
        }
        $chain = @($answer.Chain)
        if ($chain.Count -eq 0) {
            $failures += $name + ': not checked' + $via + ' (' + [string]$answer.Error + ')'
            continue
        }
        $top = $chain[$chain.Count - 1]
        $subjects = @($chain | ForEach-Object -Process { [string]$_.Subject }) -join ' <- '
        Write-RgLog -Message ($Step.Id + ': ' + $name + $via + ' presents ' + $subjects + ' (root ' + [string]$top.Thumbprint + ', policy errors ' + [string]$answer.PolicyErrors + ')')
        $known = [string]$roots[([string]$top.Thumbprint).ToUpperInvariant()]
        if ($known) {
            $passed += $name + ' (' + $known + ')'
            continue
        }
        $intercepted = [string]$top.Subject
        if ([string]$top.Subject -ne [string]$top.Issuer) {
            # The chain stops below a root this device does not have: name what it claims as issuer.
            $intercepted = [string]$top.Issuer + ' (not in this device''s store)'
        }
        $failures += $name + $via + ' intercepted: root ' + $intercepted + ' is not a Microsoft CA'
    }
    if ($failures.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('all ' + $all.Count + ' chains end at Microsoft''s CAs: ' + ($passed -join ', ') + '; ' + $routeWords) -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual (($failures -join '; ') + '; ' + $routeWords) -Expected $expected
}

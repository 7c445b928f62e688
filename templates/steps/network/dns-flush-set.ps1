function Clear-RgDnsCache {
    <#
    .SYNOPSIS
        Flushes the DNS client cache (ipconfig /flushdns). Whether it helped is decided by resolving the names
        again (the repair loop tests the step afterwards), not by ipconfig's exit code.
    .PARAMETER Step
        The step.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    if ($PSCmdlet.ShouldProcess('DNS client cache', 'Flush (ipconfig /flushdns)')) {
        $result = Invoke-RgNativeCommand -FilePath 'ipconfig.exe' -ArgumentList @('/flushdns') -TimeoutSeconds 60
        Write-RgLog -Message ($Step.Id + ': ipconfig /flushdns exit code ' + $result.ExitCode)
    }
}
